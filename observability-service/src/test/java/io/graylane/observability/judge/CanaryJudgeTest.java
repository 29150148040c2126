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
    private static final CanaryJudge.Limits LIMITS = new CanaryJudge.Limits(0.01, 0.1, 0.99, 500.0, ISTIO,
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
