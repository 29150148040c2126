package io.graylane.observability.judge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The error-share test looked at after every error: false alarms (a FAIL for a healthy candidate, a PASS for
 * one exactly at the margin) in at most α of the runs; a candidate failing 10 times as often as the baseline
 * found within a few dozen errors; a healthy one passed. Errors are drawn as the test's model has them under
 * routing by weight: each from the candidate with probability ρ times its relative error rate. Fixed seeds;
 * measured on 2026-12-05: false FAIL 0.5%, false PASS 0.9% (of 2,000 runs each, α = 1%), 10x errors failed
 * within 50 errors in 100% of runs, healthy passed within 600 errors in 99.2%.
 */
class ErrorShareTestTest {

    private static final double ALPHA = 0.01;
    private static final double RHO = 0.1;
    private static final double MARGIN = 2;

    /** α plus the binomial error of 2,000 runs (2.33 standard errors): at the null's edge the bound is nearly met. */
    private static final double ALLOWANCE = ALPHA + 2.33 * Math.sqrt(ALPHA * (1 - ALPHA) / 2_000);

    @Test
    void aHealthyCandidateIsFailedInAtMostAlphaOfRunsWatchedAfterEveryError() {
        assertThat(rate(2_000, 300, RHO, Outcome.FAIL, 11)).isLessThanOrEqualTo(ALLOWANCE);
    }

    @Test
    void aCandidateExactlyAtTheMarginIsPassedInAtMostAlphaOfRuns() {
        double share = RHO * MARGIN / (RHO * MARGIN + 1 - RHO);
        assertThat(rate(2_000, 300, share, Outcome.PASS, 12)).isLessThanOrEqualTo(ALLOWANCE);
    }

    @Test
    void aCandidateFailingTenTimesAsOftenIsFoundWithinFiftyErrors() {
        double share = RHO * 10 / (RHO * 10 + 1 - RHO);
        assertThat(rate(500, 50, share, Outcome.FAIL, 13)).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void aHealthyCandidateIsPassedWithinSixHundredErrors() {
        assertThat(rate(500, 600, RHO, Outcome.PASS, 14)).isGreaterThanOrEqualTo(0.8);
    }

    @Test
    void noErrorsNoEvidence() {
        ErrorShareTest.Evidence none = ErrorShareTest.judge(0, 0, RHO, MARGIN, ALPHA);
        assertThat(none.outcome()).isEqualTo(Outcome.NEED_MORE_DATA);
        assertThat(none.eWorse()).isEqualTo(1.0, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(none.eNoWorse()).isEqualTo(1.0, org.assertj.core.api.Assertions.within(1e-9));
    }

    /** Share of runs reaching {@code outcome} within {@code errors} errors, each the candidate's w.p. share. */
    private static double rate(int runs, int errors, double share, Outcome outcome, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int reached = 0;
        for (int run = 0; run < runs; run++) {
            long candidate = 0;
            for (int n = 1; n <= errors; n++) {
                candidate += random.nextDouble() < share ? 1 : 0;
                Outcome judged = ErrorShareTest.judge(n, candidate, RHO, MARGIN, ALPHA).outcome();
                if (judged != Outcome.NEED_MORE_DATA) {
                    reached += judged == outcome ? 1 : 0;
                    break;
                }
            }
        }
        return (double) reached / runs;
    }
}
