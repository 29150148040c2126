package io.graylane.observability.metrics;

import java.util.Arrays;

/**
 * Durations in logarithmic buckets: bucket {@code i} holds [γ^i, γ^(i+1)) microseconds with γ = 1.04.
 * A quantile is read as the geometric middle of the bucket it falls in, so it is within 2% of the true
 * value (for any window, however many requests); merging two histograms is exact. Sparse: only the buckets
 * that saw a duration are kept, in two sorted primitive arrays.
 */
public final class LatencyHistogram implements DurationDistribution {

    static final double GAMMA = 1.04;
    private static final double LOG_GAMMA = Math.log(GAMMA);

    private int[] buckets = new int[4];
    private long[] counts = new long[4];
    private int size;
    private long count;

    public void record(long micros) {
        add(bucket(Math.max(1, micros)), 1);
        count++;
    }

    @Override
    public void add(DurationDistribution distribution) {
        if (!(distribution instanceof LatencyHistogram other)) {
            throw new IllegalArgumentException("a span histogram merges only with another");
        }
        for (int i = 0; i < other.size; i++) {
            add(other.buckets[i], other.counts[i]);
        }
        count += other.count;
    }

    public long count() {
        return count;
    }

    @Override
    public LatencyHistogram empty() {
        return new LatencyHistogram();
    }

    /** The {@code q} quantile in milliseconds (nearest rank), or {@code null} without samples. */
    @Override
    public Double quantileMillis(double q) {
        if (count == 0) {
            return null;
        }
        long rank = Math.max(1, (long) Math.ceil(q * count));
        long seen = 0;
        for (int i = 0; i < size; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return Math.pow(GAMMA, buckets[i] + 0.5) / 1000.0;
            }
        }
        return Math.pow(GAMMA, buckets[size - 1] + 0.5) / 1000.0;
    }

    /** The requests in buckets ending at or below {@code millis} (buckets are at most 4% wide). */
    @Override
    public double atMost(double millis) {
        long within = 0;
        for (int i = 0; i < size && Math.pow(GAMMA, buckets[i] + 1) <= millis * 1000; i++) {
            within += counts[i];
        }
        return within;
    }

    private void add(int bucket, long n) {
        int at = Arrays.binarySearch(buckets, 0, size, bucket);
        if (at >= 0) {
            counts[at] += n;
            return;
        }
        int insert = -at - 1;
        if (size == buckets.length) {
            buckets = Arrays.copyOf(buckets, size * 2);
            counts = Arrays.copyOf(counts, size * 2);
        }
        System.arraycopy(buckets, insert, buckets, insert + 1, size - insert);
        System.arraycopy(counts, insert, counts, insert + 1, size - insert);
        buckets[insert] = bucket;
        counts[insert] = n;
        size++;
    }

    static int bucket(long micros) {
        return (int) Math.floor(Math.log(micros) / LOG_GAMMA);
    }
}
