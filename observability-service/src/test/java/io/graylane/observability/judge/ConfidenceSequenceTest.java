package io.graylane.observability.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The Bernoulli confidence sequence: it holds the true rate at every look at once, and it narrows. */
class ConfidenceSequenceTest {

    @Test
    void itMissesTheTrueRateAtSomeLookInAtMostAlphaOfRuns() {
        SplittableRandom random = new SplittableRandom(41);
        int runs = 1_000;
        int missed = 0;
        for (int run = 0; run < runs; run++) {
            long errors = 0;
            for (int n = 1; n <= 5_000; n++) {
                errors += random.nextDouble() < 0.01 ? 1 : 0;
                if (n % 50 == 0) {
                    ConfidenceSequence.Interval interval = ConfidenceSequence.bernoulli(n, errors, 0.05);
                    if (interval.lower() > 0.01 || interval.upper() < 0.01) {
                        missed++;
                        break;
                    }
                }
            }
        }
        assertThat((double) missed / runs).isLessThanOrEqualTo(0.05);
    }

    @Test
    void itNarrowsAroundTheRate() {
        ConfidenceSequence.Interval none = ConfidenceSequence.bernoulli(0, 0, 0.01);
        assertThat(none.lower()).isZero();
        assertThat(none.upper()).isEqualTo(1.0);
        ConfidenceSequence.Interval noErrors = ConfidenceSequence.bernoulli(600, 0, 0.005);
        assertThat(noErrors.lower()).isZero();
        // -600 log(1 - U) = log(200) + log(601): U = 1 - exp(-11.70 / 600) = 0.0193
        assertThat(noErrors.upper()).isCloseTo(0.0193, within(0.0002));
        // Wider than a fixed-n interval (±0.0006 at 99%): it holds at every n, paying about log(n)/2 more.
        ConfidenceSequence.Interval many = ConfidenceSequence.bernoulli(100_000, 500, 0.01);
        assertThat(many.lower()).isBetween(0.0038, 0.0044);
        assertThat(many.upper()).isBetween(0.0057, 0.0064);
    }
}
