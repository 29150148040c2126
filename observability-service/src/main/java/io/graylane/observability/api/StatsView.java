package io.graylane.observability.api;

import io.graylane.observability.mesh.StatusClass;
import io.graylane.observability.metrics.RequestStats;
import io.graylane.observability.metrics.Snapshot;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Requests over a period as the API shows them: rates, outcomes and latency percentiles.
 *
 * @param successRate share of requests that were neither a 5xx nor without response; null without requests
 * @param byStatus requests per status class: 2xx, 3xx, 4xx, 5xx, noResponse
 * @param latency milliseconds: avg, p50, p95, p99 (log-bucketed histogram, within 2%)
 */
public record StatsView(
        long requests,
        double requestsPerSecond,
        Double successRate,
        Double errorRate,
        Map<String, Long> byStatus,
        Map<String, Double> latency) {

    public static StatsView of(RequestStats stats, double seconds) {
        Map<String, Long> byStatus = new LinkedHashMap<>();
        byStatus.put("2xx", stats.count(StatusClass.S2XX));
        byStatus.put("3xx", stats.count(StatusClass.S3XX));
        byStatus.put("4xx", stats.count(StatusClass.S4XX));
        byStatus.put("5xx", stats.count(StatusClass.S5XX));
        byStatus.put("noResponse", stats.count(StatusClass.NO_RESPONSE));
        Map<String, Double> latency = new LinkedHashMap<>();
        latency.put("avg", round(stats.averageMillis()));
        latency.put("p50", round(stats.quantileMillis(0.50)));
        latency.put("p95", round(stats.quantileMillis(0.95)));
        latency.put("p99", round(stats.quantileMillis(0.99)));
        return new StatsView(stats.requests(), round(Snapshot.perSecond(stats.requests(), seconds)),
                nullIfNaN(stats.successRate()), nullIfNaN(stats.errorRate()), byStatus, latency);
    }

    static Double round(Double value) {
        return value == null ? null : Math.round(value * 1000.0) / 1000.0;
    }

    private static Double nullIfNaN(double value) {
        return Double.isNaN(value) ? null : round(value);
    }
}
