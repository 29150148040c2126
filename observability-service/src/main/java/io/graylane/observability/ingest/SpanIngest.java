package io.graylane.observability.ingest;

import io.graylane.observability.config.ObservabilityConfig;
import io.graylane.observability.mesh.MeshSpan;
import io.graylane.observability.metrics.CallPairing;
import io.graylane.observability.store.SpanStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;
import zipkin2.Span;

/**
 * Where every span goes, whatever door it came in by: into the store for traces, and into the metrics as it
 * passes. A span is stored before its request is answered. A span whose timestamp lies outside
 * {@link TimeBounds}, or whose trace or span id is all zeros (Zipkin's codecs refuse to read such a span back:
 * stored, it would break every search that meets its trace), is refused, never stored nor counted in the
 * metrics: the caller says so where its protocol can (OTLP's partial success); every refusal is counted in
 * {@code graylane_spans_refused_total} by reason and logged at most once a minute.
 */
@ApplicationScoped
public class SpanIngest {

    private static final Logger LOG = Logger.getLogger(SpanIngest.class);
    private static final long LOG_EVERY_MILLIS = 60_000;

    /** Spans refused by one call: how many, and the reason of the first. */
    public record Refused(int count, String first) {
        static final Refused NONE = new Refused(0, null);
    }

    private final SpanStore store;
    private final CallPairing pairing;
    private final Clock clock;
    private final TimeBounds bounds;
    private final Counter accepted;
    private final Counter refusedTimestamp;
    private final Counter refusedId;
    /** When the last refusal was logged; 0 (1970) before any, so the first is logged. */
    private final AtomicLong lastLogged = new AtomicLong(0);

    SpanIngest(SpanStore store, CallPairing pairing, Clock clock, MeterRegistry registry,
            ObservabilityConfig config) {
        this.store = store;
        this.pairing = pairing;
        this.clock = clock;
        this.bounds = new TimeBounds(config.store().maxAge(), TimeBounds.AHEAD);
        this.accepted = registry.counter("graylane.spans.accepted");
        this.refusedTimestamp = Counter.builder("graylane.spans.refused").tag("reason", "timestamp")
                .description("Spans refused for a timestamp outside [now - retention, now + 10 min]")
                .register(registry);
        this.refusedId = Counter.builder("graylane.spans.refused").tag("reason", "id")
                .description("Spans refused for a trace or span id of zeros only").register(registry);
    }

    /** Stores and counts the spans within the time bounds; says which were refused. */
    public Refused accept(List<Span> spans) {
        long now = clock.millis();
        List<Span> kept = new ArrayList<>(spans.size());
        int refusedCount = 0;
        String first = null;
        for (Span span : spans) {
            Optional<String> zeroId = zeroId(span);
            Optional<String> refusal = zeroId.isPresent() ? zeroId : bounds.refusal(span, now);
            if (refusal.isPresent()) {
                refusedCount++;
                (zeroId.isPresent() ? refusedId : refusedTimestamp).increment();
                first = first == null ? refusal.get() : first;
            } else {
                kept.add(span);
            }
        }
        store.add(kept, now);
        List<MeshSpan> mesh = new ArrayList<>(kept.size());
        kept.forEach(span -> mesh.add(MeshSpan.of(span)));
        pairing.offerAll(mesh, now);
        accepted.increment(kept.size());
        if (refusedCount == 0) {
            return Refused.NONE;
        }
        long last = lastLogged.get();
        if (now - last >= LOG_EVERY_MILLIS && lastLogged.compareAndSet(last, now)) {
            LOG.warnf("refused %d span(s) for their timestamps or ids (more may follow, counted in "
                    + "graylane_spans_refused_total; logged at most once a minute); the first: %s",
                    refusedCount, first);
        }
        return new Refused(refusedCount, first);
    }

    private static Optional<String> zeroId(Span span) {
        if (span.traceId().chars().allMatch(c -> c == '0') || span.id().chars().allMatch(c -> c == '0')) {
            return Optional.of("span " + span.id() + " of trace " + span.traceId() + ": an id of zeros only");
        }
        return Optional.empty();
    }

    /** Counts the halves of calls that waited too long for the other. */
    @Scheduled(every = "1s")
    void expirePairs() {
        pairing.expire(clock.millis());
    }
}
