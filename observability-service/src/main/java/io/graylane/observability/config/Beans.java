package io.graylane.observability.config;

import io.graylane.observability.api.ComparisonResource;
import io.graylane.observability.api.GraphResource;
import io.graylane.observability.api.JaegerResource;
import io.graylane.observability.api.MetricsResource;
import io.graylane.observability.api.ZipkinQueryResource;
import io.graylane.observability.ingest.OtlpResource;
import io.graylane.observability.ingest.ZipkinSpansResource;
import io.graylane.observability.store.SpanStore;
import io.graylane.rest.ApiResources;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;

/** The plain objects observability-service injects. */
public class Beans {

    @Produces
    @Singleton
    ApiResources apiResources() {
        return new ApiResources(List.of(ZipkinSpansResource.class, ZipkinQueryResource.class, OtlpResource.class,
                JaegerResource.class, MetricsResource.class, GraphResource.class, ComparisonResource.class));
    }

    /** Spans and traces the store let go, by reason, on /q/metrics. */
    @Produces
    @Singleton
    SpanStore.Evictions evictions(MeterRegistry registry) {
        return (reason, spans) -> {
            registry.counter("graylane.traces.evicted", "reason", reason).increment();
            registry.counter("graylane.spans.evicted", "reason", reason).increment(spans);
        };
    }
}
