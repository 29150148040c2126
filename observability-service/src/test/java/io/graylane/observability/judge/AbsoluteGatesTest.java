package io.graylane.observability.judge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The absolute gates, looked at every 20 requests: a candidate exactly at the limit is judged inside (PASS) or
 * outside (FAIL) in at most α of the runs; one clearly inside or outside is judged so. Fixed seeds.
 */
class AbsoluteGatesTest {

    private static final double ALPHA = 0.01;
    private static final double[] ISTIO = {0.5, 1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000,
        60000, 300000, 600000, 1800000, 3600000, Double.POSITIVE_INFINITY};

    /**
     * At the limit itself the Bayes factor is an exact martingale and, its prior close to the limit, crosses
     * 1/α nearly as often as Ville's inequality allows (measured over five seeds of 2,000 runs: false PASS 0.8%
     * to 1.15%). So the rate is checked against α with the binomial error of 4,000 runs (2.33 standard
     * errors, a one-sided 99% allowance), not against α exactly.
     */
    @Test
    void aSuccessRateExactlyAtTheMinimumIsNeitherPassedNorFailedBeyondAlpha() {
        int runs = 4_000;
        double allowance = ALPHA + 2.33 * Math.sqrt(ALPHA * (1 - ALPHA) / runs);
        assertThat(successRuns(runs, 5_000, 0.99, Outcome.PASS, 21)).isLessThanOrEqualTo(allowance);
        assertThat(successRuns(runs, 5_000, 0.99, Outcome.FAIL, 22)).isLessThanOrEqualTo(allowance);
    }

    @Test
    void aHealthyCandidatePassesAndOneAtNinetyFivePercentFails() {
        assertThat(successRuns(300, 3_000, 0.999, Outcome.PASS, 23)).isGreaterThanOrEqualTo(0.9);
        assertThat(successRuns(300, 1_000, 0.95, Outcome.FAIL, 24)).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void p99AgainstALimitOnABucketBound() {
        // 1,000 requests, 0.1% in (500, 1000] ms: inside a 500 ms limit.
        assertThat(AbsoluteGates.p99(ISTIO, cumulative(999, 1, 1000), 500, ALPHA).outcome())
                .isEqualTo(Outcome.PASS);
        // 1,000 requests, 5% in (500, 1000] ms: outside.
        assertThat(AbsoluteGates.p99(ISTIO, cumulative(950, 50, 1000), 500, ALPHA).outcome())
                .isEqualTo(Outcome.FAIL);
        // 50 requests, none slow: not enough to say 99% are within.
        assertThat(AbsoluteGates.p99(ISTIO, cumulative(50, 0, 1000), 500, ALPHA).outcome())
                .isEqualTo(Outcome.NEED_MORE_DATA);
    }

    @Test
    void aLimitInsideABucketCountsThatBucketAgainstEachVerdict() {
        // Limit 300 ms lies in (250, 500]: 5% of requests there can neither pass (they may be slower than 300)
        // nor fail (they may be faster).
        assertThat(AbsoluteGates.p99(ISTIO, cumulative(950, 50, 500), 300, ALPHA).outcome())
                .isEqualTo(Outcome.NEED_MORE_DATA);
        // In (500, 1000] they are surely slower.
        assertThat(AbsoluteGates.p99(ISTIO, cumulative(950, 50, 1000), 300, ALPHA).outcome())
                .isEqualTo(Outcome.FAIL);
    }

    /** {@code fast} requests in the bucket le=50, {@code slow} in the bucket whose upper bound is {@code le}. */
    private static double[] cumulative(long fast, long slow, double le) {
        double[] counts = new double[ISTIO.length];
        for (int i = 0; i < ISTIO.length; i++) {
            counts[i] = (ISTIO[i] >= 50 ? fast : 0) + (ISTIO[i] >= le ? slow : 0);
        }
        return counts;
    }

    private static double successRuns(int runs, int requests, double rate, Outcome outcome, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int reached = 0;
        for (int run = 0; run < runs; run++) {
            long successes = 0;
            for (int n = 1; n <= requests; n++) {
                successes += random.nextDouble() < rate ? 1 : 0;
                if (n % 20 == 0) {
                    Outcome judged = AbsoluteGates.successRate(n, successes, 0.99, ALPHA).outcome();
                    if (judged != Outcome.NEED_MORE_DATA) {
                        reached += judged == outcome ? 1 : 0;
                        break;
                    }
                }
            }
        }
        return (double) reached / runs;
    }
}
