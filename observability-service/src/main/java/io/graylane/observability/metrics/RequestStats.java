package io.graylane.observability.metrics;

import io.graylane.observability.mesh.StatusClass;
import java.util.Map;
import java.util.TreeMap;

/** Requests counted by outcome, with their durations. Mergeable, so windows add up exactly. */
public final class RequestStats {

    private final long[] byClass = new long[StatusClass.values().length];
    private final LatencyHistogram latency = new LatencyHistogram();
    private final Map<Integer, Long> byStatus = new TreeMap<>();
    private long requests;
    private long durationMicros;

    public void record(int status, StatusClass outcome, long micros) {
        byStatus.merge(status, 1L, Long::sum);
        requests++;
        byClass[outcome.ordinal()]++;
        durationMicros += micros;
        latency.record(micros);
    }

    public void add(RequestStats other) {
        requests += other.requests;
        durationMicros += other.durationMicros;
        for (int i = 0; i < byClass.length; i++) {
            byClass[i] += other.byClass[i];
        }
        latency.add(other.latency);
        other.byStatus.forEach((status, n) -> byStatus.merge(status, n, Long::sum));
    }

    /** Requests per HTTP status code; 0 stands for no response. */
    public Map<Integer, Long> byStatus() {
        return byStatus;
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
        return requests == 0 ? null : durationMicros / 1000.0 / requests;
    }

    public LatencyHistogram latency() {
        return latency;
    }

    public RequestStats copy() {
        RequestStats copy = new RequestStats();
        copy.add(this);
        return copy;
    }
}
