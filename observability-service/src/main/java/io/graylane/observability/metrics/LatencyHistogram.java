package io.graylane.observability.metrics;

import java.util.Map;
import java.util.TreeMap;

/**
 * Durations in logarithmic buckets: bucket {@code i} holds [γ^i, γ^(i+1)) microseconds with γ = 1.04.
 * A quantile is read as the geometric middle of the bucket it falls in, so it is within 2% of the true
 * value (for any window, however many requests); merging two histograms is exact.
 */
public final class LatencyHistogram {

    static final double GAMMA = 1.04;
    private static final double LOG_GAMMA = Math.log(GAMMA);

    private final TreeMap<Integer, Long> buckets = new TreeMap<>();
    private long count;

    public void record(long micros) {
        buckets.merge(bucket(Math.max(1, micros)), 1L, Long::sum);
        count++;
    }

    public void add(LatencyHistogram other) {
        other.buckets.forEach((bucket, n) -> buckets.merge(bucket, n, Long::sum));
        count += other.count;
    }

    public long count() {
        return count;
    }

    /** The {@code q} quantile in milliseconds (nearest-rank), or {@code null} without samples. */
    public Double quantileMillis(double q) {
        if (count == 0) {
            return null;
        }
        long rank = (long) Math.ceil(q * count);
        long seen = 0;
        for (Map.Entry<Integer, Long> bucket : buckets.entrySet()) {
            seen += bucket.getValue();
            if (seen >= Math.max(1, rank)) {
                return Math.pow(GAMMA, bucket.getKey() + 0.5) / 1000.0;
            }
        }
        return Math.pow(GAMMA, buckets.lastKey() + 0.5) / 1000.0;
    }

    static int bucket(long micros) {
        return (int) Math.floor(Math.log(micros) / LOG_GAMMA);
    }
}
