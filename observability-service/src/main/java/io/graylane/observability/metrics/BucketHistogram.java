package io.graylane.observability.metrics;

import java.util.Arrays;

/**
 * Durations in fixed buckets with cumulative counts, as Prometheus keeps a histogram such as Istio's
 * {@code istio_request_duration_milliseconds_bucket}: {@code counts[i]} requests took at most
 * {@code upperBounds[i]} ms, the last bound being +Inf. Counts are Prometheus' {@code increase()}, so not
 * necessarily whole. A quantile is read as Prometheus' {@code histogram_quantile} reads it (linear
 * interpolation inside the bucket the rank falls in; the lowest bucket starts at 0; a rank in the +Inf bucket
 * gives the highest finite bound), so it equals what PromQL answers for the same buckets.
 */
public final class BucketHistogram implements DurationDistribution {

    private final double[] upperBounds;
    private final double[] counts;

    /** Empty, with these upper bounds (ascending, ending with +Inf). */
    public BucketHistogram(double[] upperBounds) {
        if (upperBounds.length == 0 || upperBounds[upperBounds.length - 1] != Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("the last bucket of a histogram is +Inf");
        }
        this.upperBounds = upperBounds.clone();
        this.counts = new double[upperBounds.length];
    }

    /** Adds {@code count} to the cumulative count of the bucket whose upper bound is {@code upperBound}. */
    public void addToBucket(double upperBound, double count) {
        int at = Arrays.binarySearch(upperBounds, upperBound);
        if (at < 0) {
            throw new IllegalArgumentException("no bucket le=" + upperBound);
        }
        counts[at] += count;
    }

    @Override
    public void add(DurationDistribution distribution) {
        if (!(distribution instanceof BucketHistogram other) || !Arrays.equals(upperBounds, other.upperBounds)) {
            throw new IllegalArgumentException("a bucket histogram merges only with one of the same buckets");
        }
        for (int i = 0; i < counts.length; i++) {
            counts[i] += other.counts[i];
        }
    }

    @Override
    public BucketHistogram empty() {
        return new BucketHistogram(upperBounds);
    }

    /** The cumulative count of the highest bucket whose upper bound is at most {@code millis}. */
    @Override
    public double atMost(double millis) {
        double[] cumulative = monotonic();
        double within = 0;
        for (int i = 0; i < upperBounds.length && upperBounds[i] <= millis; i++) {
            within = cumulative[i];
        }
        return within;
    }

    /** Prometheus' bucketQuantile (promql/quantile.go), for one histogram. */
    @Override
    public Double quantileMillis(double q) {
        double[] cumulative = monotonic();
        int last = cumulative.length - 1;
        double observations = cumulative[last];
        if (observations <= 0 || last < 1) {
            return null;
        }
        double rank = q * observations;
        int b = 0;
        while (b < last && cumulative[b] < rank) {
            b++;
        }
        if (b == last) {
            return upperBounds[last - 1];
        }
        if (b == 0 && upperBounds[0] <= 0) {
            return upperBounds[0];
        }
        double start = 0;
        double end = upperBounds[b];
        double count = cumulative[b];
        if (b > 0) {
            start = upperBounds[b - 1];
            count -= cumulative[b - 1];
            rank -= cumulative[b - 1];
        }
        return start + (end - start) * (rank / count);
    }

    /** Cumulative counts made non-decreasing, as Prometheus does for counts read at slightly different times. */
    private double[] monotonic() {
        double[] cumulative = counts.clone();
        for (int i = 1; i < cumulative.length; i++) {
            cumulative[i] = Math.max(cumulative[i], cumulative[i - 1]);
        }
        return cumulative;
    }
}
