package io.graylane.observability.metrics;

import io.graylane.observability.config.ObservabilityConfig;
import io.graylane.observability.config.ObservabilityConfig.SourceName;
import io.graylane.observability.prometheus.PrometheusClient;
import io.graylane.observability.prometheus.PrometheusSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * The metrics sources this service offers: always the traces, and Prometheus when
 * {@code graylane.prometheus.url} is set; the configured one answers unless a request names the other.
 */
@ApplicationScoped
public class MetricsSources {

    private final TracesSource traces;
    private final Optional<PrometheusSource> prometheus;
    private final SourceName preferred;

    MetricsSources(TracesSource traces, ObservabilityConfig config) {
        this.traces = traces;
        this.prometheus = config.prometheus().url().map(url -> new PrometheusSource(
                new PrometheusClient(config.prometheus()), config.metrics().resolution().toMillis()));
        this.preferred = config.metrics().source();
        if (preferred == SourceName.prometheus && prometheus.isEmpty()) {
            throw new IllegalStateException("graylane.metrics.source=prometheus needs graylane.prometheus.url "
                    + "(GRAYLANE_PROMETHEUS_URL), the base URL of a Prometheus scraping Istio's metrics");
        }
    }

    /** The configured source. */
    public MetricsSource preferred() {
        return preferred == SourceName.prometheus ? prometheus.orElseThrow() : traces;
    }

    /**
     * The source a request names ({@code traces} or {@code prometheus}), the configured one when it names
     * none; empty when it names one not offered here.
     */
    public Optional<MetricsSource> named(String name) {
        if (name == null || name.isBlank()) {
            return Optional.of(preferred());
        }
        if (name.equals(SourceName.traces.name())) {
            return Optional.of(traces);
        }
        return name.equals(SourceName.prometheus.name()) ? prometheus.map(p -> p) : Optional.empty();
    }
}
