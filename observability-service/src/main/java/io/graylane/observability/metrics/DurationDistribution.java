package io.graylane.observability.metrics;

/**
 * The durations of a set of requests, as the metrics source measured them: a log-bucketed histogram of the
 * spans ({@link LatencyHistogram}), Istio's fixed buckets read from Prometheus ({@link BucketHistogram}), or
 * quantiles Prometheus computed ({@link KnownQuantiles}).
 * Two distributions merge only if they are of the same kind.
 */
public sealed interface DurationDistribution permits LatencyHistogram, BucketHistogram, KnownQuantiles {

    /** The {@code q} quantile in milliseconds, or {@code null} without samples. */
    Double quantileMillis(double q);

    /**
     * How many requests took at most {@code millis}, as far as the distribution can tell (a bucket counts when
     * it lies wholly at or below); {@code NaN} when it cannot tell (quantiles computed elsewhere).
     */
    double atMost(double millis);

    /** Adds the other's samples to this one. */
    void add(DurationDistribution other);

    /** An empty distribution of the same kind. */
    DurationDistribution empty();
}
