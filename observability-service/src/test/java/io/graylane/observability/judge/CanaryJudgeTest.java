package io.graylane.observability.judge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The checks of a step together, on counts as the metrics source gives them. */
class CanaryJudgeTest {

    private static final double[] ISTIO = {0.5, 1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000,
        60000, 300000, 600000, 1800000, 3600000, Double.POSITIVE_INFINITY};
    private static final double MARGIN = 0.01;
    private static final CanaryJudge.Limits LIMITS = new CanaryJudge.Limits(0.01, 0.1, MARGIN, 0.99, 500.0, ISTIO,
            List.of(10.0, 25.0));

    @Test
    void aHealthyCandidateWithEnoughTrafficPassesEveryCheck() {
        Map<String, CanaryJudge.Verdict> verdicts = judge(counts(18_000, 90, 0.5, 0.2), counts(2_000, 0, 0.5, 0.2));
        assertThat(verdicts.values()).extracting(CanaryJudge.Verdict::outcome).containsOnly(Outcome.PASS);
        assertThat(verdicts.get("split").evidence()).containsEntry("candidateRequests", 2_000L);
    }

    @Test
    void aCandidateWithTenPercentErrorsFailsOnErrorsAndItsSuccessRate() {
        Map<String, CanaryJudge.Verdict> verdicts = judge(counts(1_800, 9, 0.5, 0.2), counts(200, 20, 0.5, 0.2));
        assertThat(verdicts.get("errors").outcome()).isEqualTo(Outcome.FAIL);
        assertThat(verdicts.get("errors").statistic()).isGreaterThanOrEqualTo(100);
        assertThat(verdicts.get("successRate").outcome()).isEqualTo(Outcome.FAIL);
        assertThat(verdicts.get("latency").outcome()).isNotEqualTo(Outcome.FAIL);
    }

    @Test
    void aSlowerCandidateFailsOnLatencyAndAFewRequestsAreNotEnoughForAnything() {
        Map<String, CanaryJudge.Verdict> slow = judge(counts(1_800, 0, 0.5, 0.2), counts(200, 0, 0.1, 0.05));
        assertThat(slow.get("latency").outcome()).isEqualTo(Outcome.FAIL);
        Map<String, CanaryJudge.Verdict> few = judge(counts(18, 0, 0.5, 0.2), counts(2, 0, 0.5, 0.2));
        assertThat(few.values()).extracting(CanaryJudge.Verdict::outcome).containsOnly(Outcome.NEED_MORE_DATA);
    }

    /**
     * Errors judged every 10 s at 20 requests a second, baseline errors 0.5%: a candidate one percentage point
     * worse (the margin) passed in at most α of the runs; a healthy one passed within 20 minutes at half the
     * traffic, and in only about a quarter of the runs at a tenth (2 requests a second: 2,400 requests are not
     * enough to bound its rate within a point); one with 5% errors failed.
     */
    @Test
    void errorsPassOnRequestsWithinTheMarginAndNotBeyond() {
        double allowance = 0.01 + 2.33 * Math.sqrt(0.01 * 0.99 / 500);
        assertThat(errorRuns(500, 0.5, 0.005 + MARGIN, Outcome.PASS, 51))
                .isLessThanOrEqualTo(allowance);
        assertThat(errorRuns(200, 0.5, 0.005, Outcome.PASS, 52)).isGreaterThanOrEqualTo(0.95);
        assertThat(errorRuns(200, 0.1, 0.005, Outcome.PASS, 52)).isBetween(0.1, 0.5);
        assertThat(errorRuns(200, 0.1, 0.05, Outcome.FAIL, 53)).isGreaterThanOrEqualTo(0.95);
    }

    /** Share of runs reaching {@code outcome} on errors within 20 minutes, baseline errors 0.5%. */
    private static double errorRuns(int runs, double share, double candidateErrors, Outcome outcome, long seed) {
        CanaryJudge.Limits limits = new CanaryJudge.Limits(0.01, share, MARGIN, null, null, ISTIO, List.of());
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        int reached = 0;
        for (int run = 0; run < runs; run++) {
            long[] baseline = new long[2];
            long[] candidate = new long[2];
            for (int second = 1; second <= 1_200; second++) {
                for (int request = 0; request < 20; request++) {
                    boolean toCandidate = random.nextDouble() < share;
                    long[] counts = toCandidate ? candidate : baseline;
                    counts[0]++;
                    counts[1] += random.nextDouble() < (toCandidate ? candidateErrors : 0.005) ? 1 : 0;
                }
                if (second % 10 == 0) {
                    Outcome judged = CanaryJudge.judge(counts(baseline[0], baseline[1], 0.5, 0.2),
                            counts(candidate[0], candidate[1], 0.5, 0.2), limits).stream()
                            .filter(v -> v.check().equals("errors")).findFirst().orElseThrow().outcome();
                    if (judged != Outcome.NEED_MORE_DATA) {
                        reached += judged == outcome ? 1 : 0;
                        break;
                    }
                }
            }
        }
        return (double) reached / runs;
    }

    /**
     * A whole release, as the service judges it: healthy candidates through steps [10, 25, 50] % at 20 requests a
     * second, every check every 10 s for up to 10 minutes a step, at {@link CanaryJudge#checkAlpha} of a release's
     * α = 0.05. The share of releases ever failed stays within α (plus the binomial allowance of 400 runs).
     */
    @Test
    void aHealthyReleaseIsFailedAtMostAlphaOfTheTimeOverAllItsStepsAndChecks() {
        double alpha = 0.05;
        int runs = 400;
        java.util.SplittableRandom random = new java.util.SplittableRandom(61);
        int failed = 0;
        for (int run = 0; run < runs; run++) {
            release:
            for (int weight : new int[] {10, 25, 50}) {
                CanaryJudge.Limits limits = new CanaryJudge.Limits(CanaryJudge.checkAlpha(alpha, 3, 0), weight / 100.0,
                        MARGIN, null, null, ISTIO, List.of(10.0, 25.0));
                long[] requests = new long[2];
                long[] errors = new long[2];
                double[][] cumulative = new double[2][ISTIO.length];
                for (int second = 1; second <= 600; second++) {
                    for (int request = 0; request < 20; request++) {
                        int version = random.nextInt(100) < weight ? 1 : 0;
                        requests[version]++;
                        errors[version] += random.nextDouble() < 0.005 ? 1 : 0;
                        double millis = 10 * Math.exp(0.6 * gaussian(random));
                        for (int i = 0; i < ISTIO.length; i++) {
                            cumulative[version][i] += millis <= ISTIO[i] ? 1 : 0;
                        }
                    }
                    if (second % 10 == 0) {
                        List<CanaryJudge.Verdict> verdicts = CanaryJudge.judge(
                                new CanaryJudge.Counts(requests[0], errors[0], cumulative[0]),
                                new CanaryJudge.Counts(requests[1], errors[1], cumulative[1]), limits);
                        if (verdicts.stream().anyMatch(v -> v.outcome() == Outcome.FAIL)) {
                            failed++;
                            break release;
                        }
                        if (second >= 30 && verdicts.stream().allMatch(v -> v.outcome() == Outcome.PASS)) {
                            break;
                        }
                    }
                }
            }
        }
        assertThat((double) failed / runs).isLessThanOrEqualTo(alpha + 2.33 * Math.sqrt(alpha * (1 - alpha) / runs));
    }

    private static double gaussian(java.util.SplittableRandom random) {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    @Test
    void aSplitOffItsWeightsFails() {
        assertThat(judge(counts(1_000, 0, 0.5, 0.2), counts(1_000, 0, 0.5, 0.2)).get("split").outcome())
                .isEqualTo(Outcome.FAIL);
    }

    private static Map<String, CanaryJudge.Verdict> judge(CanaryJudge.Counts baseline, CanaryJudge.Counts candidate) {
        return CanaryJudge.judge(baseline, candidate, LIMITS).stream()
                .collect(Collectors.toMap(CanaryJudge.Verdict::check, Function.identity()));
    }

    /**
     * {@code requests}, {@code errors} of them; {@code within10} of them took at most 10 ms and
     * {@code over25} more than 25 ms, the rest between; none over 500 ms.
     */
    private static CanaryJudge.Counts counts(long requests, long errors, double within10, double over25) {
        double[] cumulative = new double[ISTIO.length];
        for (int i = 0; i < ISTIO.length; i++) {
            cumulative[i] = ISTIO[i] < 10 ? 0 : ISTIO[i] < 25 ? requests * within10
                    : ISTIO[i] < 50 ? requests * (1 - over25) : requests;
        }
        return new CanaryJudge.Counts(requests, errors, cumulative);
    }
}
