package io.graylane.observability.releases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.graylane.events.analysis.SplitCheck;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SplitTestTest {

    @Test
    void upperTailsMatchTheChiSquareTable() {
        assertThat(SplitTest.upperTail(3.841, 1)).isCloseTo(0.05, within(1e-4));
        assertThat(SplitTest.upperTail(6.635, 1)).isCloseTo(0.01, within(1e-4));
        assertThat(SplitTest.upperTail(5.991, 2)).isCloseTo(0.05, within(1e-3));
        assertThat(SplitTest.upperTail(0, 1)).isCloseTo(1.0, within(1e-7));
        assertThat(SplitTest.upperTail(13.277, 4)).isCloseTo(0.01, within(1e-4));
        assertThat(SplitTest.upperTail(9.210, 2)).isCloseTo(0.01, within(1e-4));
    }

    @Test
    void farTailsAreTinyNotHalfAndNeverNaN() {
        // With 2 degrees of freedom the upper tail is exactly exp(-x/2).
        assertThat(SplitTest.upperTail(1000, 2)).isCloseTo(Math.exp(-500), within(1e-230));
        assertThat(SplitTest.upperTail(1000, 2)).isPositive();
        for (double x : new double[] {2_000, 10_000, 1e6}) {
            for (int degrees : new int[] {1, 2, 3, 5}) {
                double p = SplitTest.upperTail(x, degrees);
                assertThat(p).as("chi-square %s with %s degrees of freedom", x, degrees).isNotNaN().isLessThan(1e-100);
            }
        }
        SplitCheck threeWays = SplitTest.check(Map.of("v1", 0.5, "v2", 0.3, "v3", 0.2),
                Map.of("v1", 100L, "v2", 100L, "v3", 9_800L));
        assertThat(threeWays.verdict()).isEqualTo(SplitCheck.Verdict.DOES_NOT_MATCH);
        assertThat(threeWays.pValue()).isNotNaN().isLessThan(SplitTest.SIGNIFICANCE);
    }

    @Test
    void judgesSplits() {
        Map<String, Double> seventyThirty = Map.of("v1", 0.7, "v2", 0.3);
        assertThat(SplitTest.check(seventyThirty, Map.of("v1", 705L, "v2", 295L)).verdict())
                .isEqualTo(SplitCheck.Verdict.MATCHES);
        SplitCheck skewed = SplitTest.check(seventyThirty, Map.of("v1", 500L, "v2", 500L));
        assertThat(skewed.verdict()).isEqualTo(SplitCheck.Verdict.DOES_NOT_MATCH);
        assertThat(skewed.chiSquare()).isCloseTo(190.476, within(0.01));
        assertThat(SplitTest.check(seventyThirty, Map.of("v1", 10L, "v2", 3L)).verdict())
                .isEqualTo(SplitCheck.Verdict.NOT_ENOUGH_REQUESTS);
    }

    @Test
    void aVersionThatShouldReceiveNothingButDoesIsAMismatch() {
        SplitCheck takenOver = SplitTest.check(Map.of("v1", 0.0, "v2", 1.0), Map.of("v1", 3L, "v2", 900L));
        assertThat(takenOver.verdict()).isEqualTo(SplitCheck.Verdict.DOES_NOT_MATCH);
        assertThat(takenOver.detail()).contains("v1");
        assertThat(SplitTest.check(Map.of("v1", 0.0, "v2", 1.0), Map.of("v1", 0L, "v2", 900L)).verdict())
                .isEqualTo(SplitCheck.Verdict.MATCHES);
    }
}
