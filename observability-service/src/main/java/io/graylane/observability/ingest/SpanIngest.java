package io.graylane.observability.ingest;

import io.graylane.observability.mesh.MeshSpan;
import io.graylane.observability.metrics.CallPairing;
import io.graylane.observability.store.SpanStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import zipkin2.Span;

/**
 * Where every span goes, whatever door it came in by: into the store for traces, and into the metrics as it
 * passes. A span is stored before its request is answered, so a span answered 202 is never dropped.
 */
@ApplicationScoped
public class SpanIngest {

    private final SpanStore store;
    private final CallPairing pairing;
    private final Clock clock;
    private final Counter accepted;

    SpanIngest(SpanStore store, CallPairing pairing, Clock clock, MeterRegistry registry) {
        this.store = store;
        this.pairing = pairing;
        this.clock = clock;
        this.accepted = registry.counter("graylane.spans.accepted");
        Gauge.builder("graylane.spans.held", store, SpanStore::spans).register(registry);
        Gauge.builder("graylane.spans.held.bytes", store, SpanStore::bytes).register(registry);
    }

    public void accept(List<Span> spans) {
        long now = clock.millis();
        store.add(spans, now);
        List<MeshSpan> mesh = new ArrayList<>(spans.size());
        spans.forEach(span -> mesh.add(MeshSpan.of(span)));
        pairing.offerAll(mesh, now);
        accepted.increment(spans.size());
    }

    /** Counts the halves of calls that waited too long for the other. */
    @Scheduled(every = "1s")
    void expirePairs() {
        pairing.expire(clock.millis());
    }
}
