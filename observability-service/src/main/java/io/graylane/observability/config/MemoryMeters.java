package io.graylane.observability.config;

import io.graylane.observability.metrics.CallPairing;
import io.graylane.observability.metrics.MetricsWindows;
import io.graylane.observability.store.SpanStore;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** What the span store, the metrics and call pairing hold against their budgets, on /q/metrics. */
@ApplicationScoped
class MemoryMeters {

    void register(@Observes StartupEvent started, MeterRegistry registry, SpanStore store,
            MetricsWindows windows, CallPairing pairing) {
        Gauge.builder("graylane.spans.held", store, SpanStore::spans).register(registry);
        Gauge.builder("graylane.spans.held.bytes", store, SpanStore::cost)
                .description("What the raw spans take against graylane.store.max-bytes").register(registry);
        Gauge.builder("graylane.metrics.series", windows, MetricsWindows::seriesHeld)
                .description("Series held by the aggregated metrics, at most graylane.metrics.max-series")
                .register(registry);
        Gauge.builder("graylane.metrics.bytes", windows, MetricsWindows::bytes)
                .description("Estimated bytes of the aggregated metrics, at most graylane.metrics.max-bytes")
                .register(registry);
        FunctionCounter.builder("graylane.spans.uncounted", windows, MetricsWindows::refusedSpans)
                .description("Spans left out of the metrics: their series was new and a cap was reached")
                .register(registry);
        Gauge.builder("graylane.pairing.bytes", pairing, CallPairing::waitingBytes)
                .description("Estimated bytes of call halves waiting for their other half").register(registry);
        FunctionCounter.builder("graylane.pairing.given.up", pairing, CallPairing::givenUp)
                .description("Call halves counted alone before the timeout: graylane.metrics.pairing-max-bytes")
                .register(registry);
    }
}
