package io.graylane.observability.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Quantiles read from cumulative buckets as Prometheus' histogram_quantile reads them. */
class BucketHistogramTest {

    private static final double[] ISTIO = {0.5, 1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000,
        60000, 300000, 600000, 1800000, 3600000, Double.POSITIVE_INFINITY};

    @Test
    void interpolatesLinearlyInsideTheBucketTheRankFallsIn() {
        BucketHistogram histogram = cumulative(new double[] {5, 10, 25, Double.POSITIVE_INFINITY},
                new double[] {10, 60, 100, 100});
        // rank 50 of 100: bucket (5, 10] holds ranks 11..60; 40 of its 50 -> 5 + 5 * 40/50 = 9
        assertThat(histogram.quantileMillis(0.5)).isCloseTo(9.0, within(1e-9));
        // rank 5: the lowest bucket starts at 0 -> 5 * 5/10 = 2.5
        assertThat(histogram.quantileMillis(0.05)).isCloseTo(2.5, within(1e-9));
        // rank 99: bucket (10, 25] holds 61..100; 39 of 40 -> 10 + 15 * 39/40
        assertThat(histogram.quantileMillis(0.99)).isCloseTo(24.625, within(1e-9));
    }

    @Test
    void aRankInTheInfiniteBucketIsTheHighestFiniteBound() {
        BucketHistogram histogram = cumulative(new double[] {5, 10, Double.POSITIVE_INFINITY},
                new double[] {10, 20, 100});
        assertThat(histogram.quantileMillis(0.99)).isEqualTo(10.0);
    }

    @Test
    void extrapolatedCountsAreMadeMonotonicAsPrometheusDoes() {
        // increase() of each bucket is extrapolated on its own: a higher bucket may come out a little lower.
        BucketHistogram histogram = cumulative(new double[] {5, 10, 25, Double.POSITIVE_INFINITY},
                new double[] {50.2, 50.0, 100, 100});
        assertThat(histogram.quantileMillis(0.5)).isCloseTo(5 * 50 / 50.2, within(1e-9));
    }

    @Test
    void mergesByAddingBucketsAndRefusesOtherBuckets() {
        BucketHistogram a = cumulative(ISTIO, counts(3, 7));
        BucketHistogram b = cumulative(ISTIO, counts(3, 13));
        a.add(b);
        assertThat(a.quantileMillis(0.5)).isEqualTo(cumulative(ISTIO, counts(6, 20)).quantileMillis(0.5));
        assertThatThrownBy(() -> a.add(cumulative(new double[] {1, Double.POSITIVE_INFINITY}, new double[] {1, 1})))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> a.add(new LatencyHistogram())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void noRequestsNoQuantile() {
        assertThat(new BucketHistogram(ISTIO).quantileMillis(0.5)).isNull();
    }

    /** {@code below} requests under 5 ms (bucket index 2), all {@code total} under 25 ms. */
    private static double[] counts(double below, double total) {
        double[] counts = new double[ISTIO.length];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = i < 2 ? 0 : i < 4 ? below : total;
        }
        return counts;
    }

    private static BucketHistogram cumulative(double[] bounds, double[] counts) {
        BucketHistogram histogram = new BucketHistogram(bounds);
        for (int i = 0; i < bounds.length; i++) {
            histogram.addToBucket(bounds[i], counts[i]);
        }
        return histogram;
    }
}
