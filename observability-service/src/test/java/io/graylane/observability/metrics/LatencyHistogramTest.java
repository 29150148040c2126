package io.graylane.observability.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    @Test
    void quantilesAreWithinTwoPercentOfTheTruth() {
        Random random = new Random(42);
        long[] durations = new long[100_000];
        LatencyHistogram histogram = new LatencyHistogram();
        for (int i = 0; i < durations.length; i++) {
            durations[i] = (long) Math.exp(5 + random.nextGaussian() * 2);
            histogram.record(durations[i]);
        }
        Arrays.sort(durations);
        for (double q : new double[] {0.5, 0.9, 0.95, 0.99, 0.999}) {
            double truth = durations[(int) Math.ceil(q * durations.length) - 1] / 1000.0;
            assertThat(histogram.quantileMillis(q)).as("q" + q).isCloseTo(truth, within(truth * 0.02 + 0.0005));
        }
    }

    @Test
    void mergingIsExact() {
        LatencyHistogram a = new LatencyHistogram();
        LatencyHistogram b = new LatencyHistogram();
        LatencyHistogram all = new LatencyHistogram();
        for (int i = 1; i <= 1000; i++) {
            (i % 3 == 0 ? a : b).record(i * 37L);
            all.record(i * 37L);
        }
        a.add(b);
        assertThat(a.count()).isEqualTo(1000);
        assertThat(a.quantileMillis(0.5)).isEqualTo(all.quantileMillis(0.5));
        assertThat(a.quantileMillis(0.99)).isEqualTo(all.quantileMillis(0.99));
        assertThat(new LatencyHistogram().quantileMillis(0.5)).isNull();
    }
}
