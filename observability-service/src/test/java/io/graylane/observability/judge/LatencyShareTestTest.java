package io.graylane.observability.judge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The latency test on Istio histograms, looked at every 20 requests, 10% of them routed to the candidate,
 * durations log-normal around a 10 ms median: false alarms for an equally fast candidate within α (plus the
 * binomial error of the runs); a candidate twice as slow failed; an equally fast one passed. Fixed seeds.
 */
class LatencyShareTestTest {

    private static final double ALPHA = 0.01;
    private static final double RHO = 0.1;
    private static final double[] ISTIO = {0.5, 1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000,
        60000, 300000, 600000, 1800000, 3600000, Double.POSITIVE_INFINITY};
    private static final List<Double> TESTED = List.of(10.0, 25.0);

    @Test
    void anEquallyFastCandidateIsFailedInAtMostAlphaOfRuns() {
        int runs = 1_000;
        double allowance = ALPHA + 2.33 * Math.sqrt(ALPHA * (1 - ALPHA) / runs);
        assertThat(rate(runs, 20_000, 1.0, Outcome.FAIL, 31)).isLessThanOrEqualTo(allowance);
    }

    @Test
    void aCandidateTwiceAsSlowIsFailedWithinAThousandRequests() {
        assertThat(rate(300, 1_000, 2.0, Outcome.FAIL, 32)).isGreaterThanOrEqualTo(0.95);
    }

    /** Passing needs evidence at every bound that the candidate is no more than 1.5x as often slow: measured 89%. */
    @Test
    void anEquallyFastCandidateIsPassedWithinTwentyThousandRequests() {
        assertThat(rate(300, 20_000, 1.0, Outcome.PASS, 33)).isGreaterThanOrEqualTo(0.85);
    }

    /** Share of runs reaching {@code outcome} within {@code requests}, the candidate {@code factor} times slower. */
    private static double rate(int runs, int requests, double factor, Outcome outcome, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int reached = 0;
        for (int run = 0; run < runs; run++) {
            double[] baseline = new double[ISTIO.length];
            double[] candidate = new double[ISTIO.length];
            for (int n = 1; n <= requests; n++) {
                boolean toCandidate = random.nextDouble() < RHO;
                double millis = 10 * Math.exp(0.6 * gaussian(random)) * (toCandidate ? factor : 1);
                double[] counts = toCandidate ? candidate : baseline;
                for (int i = 0; i < ISTIO.length; i++) {
                    if (millis <= ISTIO[i]) {
                        counts[i]++;
                    }
                }
                if (n % 20 == 0) {
                    Outcome judged = LatencyShareTest.judge(ISTIO, baseline, candidate, TESTED, RHO, 1.5, ALPHA)
                            .outcome();
                    if (judged != Outcome.NEED_MORE_DATA) {
                        reached += judged == outcome ? 1 : 0;
                        break;
                    }
                }
            }
        }
        return (double) reached / runs;
    }

    /** A standard normal draw (Box-Muller). */
    private static double gaussian(SplittableRandom random) {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
