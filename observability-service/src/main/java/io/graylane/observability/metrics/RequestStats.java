package io.graylane.observability.metrics;

import io.graylane.observability.mesh.StatusClass;
import java.util.Map;
import java.util.TreeMap;

/**
 * Requests counted by outcome, with their durations. Mergeable, so windows add up exactly. Counted request by
 * request from spans ({@link #record}) or in bulk from a metrics backend ({@link #count}, {@link #durations}).
 */
public final class RequestStats {

    private final long[] byClass = new long[StatusClass.values().length];
    /** Of the kind the first durations added were; none before. */
    private DurationDistribution latency;
    /** Status codes seen and their counts; few distinct codes per workload, so a short array. */
    private int[] statuses = new int[2];
    private long[] statusCounts = new long[2];
    private int statusSize;
    private long requests;
    private long durationMicros;
    /** Requests counted in bulk whose total duration is not known: no average then. */
    private boolean durationUnknown;

    public void record(int status, StatusClass outcome, long micros) {
        addStatus(status, 1);
        requests++;
        byClass[outcome.ordinal()]++;
        durationMicros += micros;
        if (latency == null) {
            latency = new LatencyHistogram();
        }
        ((LatencyHistogram) latency).record(micros);
    }

    /** {@code n} requests answered {@code status} (0: no response), their durations added apart. */
    public void count(int status, long n) {
        addStatus(status, n);
        requests += n;
        byClass[StatusClass.of(status).ordinal()] += n;
    }

    /**
     * The durations of requests counted with {@link #count}: their sum (null when not known: no average is
     * given then) and their distribution.
     */
    public void durations(Double sumMillis, DurationDistribution distribution) {
        if (sumMillis == null) {
            durationUnknown = true;
        } else {
            durationMicros += Math.round(sumMillis * 1000);
        }
        addLatency(distribution);
    }

    private void addLatency(DurationDistribution other) {
        if (other == null) {
            return;
        }
        if (latency == null) {
            latency = other.empty();
        }
        latency.add(other);
    }

    public void add(RequestStats other) {
        requests += other.requests;
        durationMicros += other.durationMicros;
        durationUnknown |= other.durationUnknown;
        for (int i = 0; i < byClass.length; i++) {
            byClass[i] += other.byClass[i];
        }
        addLatency(other.latency);
        for (int i = 0; i < other.statusSize; i++) {
            addStatus(other.statuses[i], other.statusCounts[i]);
        }
    }

    /** Requests per HTTP status code, in code order; 0 stands for no response. */
    public Map<Integer, Long> byStatus() {
        Map<Integer, Long> byStatus = new TreeMap<>();
        for (int i = 0; i < statusSize; i++) {
            byStatus.put(statuses[i], statusCounts[i]);
        }
        return byStatus;
    }

    private void addStatus(int status, long n) {
        for (int i = 0; i < statusSize; i++) {
            if (statuses[i] == status) {
                statusCounts[i] += n;
                return;
            }
        }
        if (statusSize == statuses.length) {
            statuses = java.util.Arrays.copyOf(statuses, statusSize * 2);
            statusCounts = java.util.Arrays.copyOf(statusCounts, statusSize * 2);
        }
        statuses[statusSize] = status;
        statusCounts[statusSize++] = n;
    }

    public long requests() {
        return requests;
    }

    public long count(StatusClass outcome) {
        return byClass[outcome.ordinal()];
    }

    public long errors() {
        return count(StatusClass.S5XX) + count(StatusClass.NO_RESPONSE);
    }

    /** Successful requests: neither a 5xx nor without response. */
    public double successRate() {
        return requests == 0 ? Double.NaN : 1.0 - (double) errors() / requests;
    }

    public double errorRate() {
        return requests == 0 ? Double.NaN : (double) errors() / requests;
    }

    public Double averageMillis() {
        return requests == 0 || durationUnknown ? null : durationMicros / 1000.0 / requests;
    }

    /** The {@code q} quantile of the durations in milliseconds, or {@code null} without any. */
    public Double quantileMillis(double q) {
        return latency == null ? null : latency.quantileMillis(q);
    }

    /** How many requests took at most {@code millis}; {@code NaN} when the durations cannot tell, 0 without any. */
    public double atMost(double millis) {
        return latency == null ? 0 : latency.atMost(millis);
    }

    public RequestStats copy() {
        RequestStats copy = new RequestStats();
        copy.add(this);
        return copy;
    }
}
