package io.graylane.observability.store;

import io.graylane.observability.config.ObservabilityConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Predicate;
import zipkin2.Span;
import zipkin2.codec.SpanBytesEncoder;
import zipkin2.internal.Trace;

/**
 * The raw spans, bounded in bytes and in age: at most {@code max-bytes} of encoded spans and their records, at
 * most {@code max-spans} spans, none older than {@code max-age} since they arrived; whole traces go, oldest
 * first, each eviction counted by reason. Traces are indexed by id and by local service in arrival order, and
 * span and remote service names per service.
 */
@ApplicationScoped
public class SpanStore {

    private static final Comparator<TraceRecord> NEWEST_START_FIRST =
            Comparator.comparingLong((TraceRecord trace) -> trace.minTimestamp).reversed();
    private static final Comparator<Span> BY_TIMESTAMP = Comparator.comparingLong(Span::timestampAsLong)
            .thenComparing(Span::id);

    /** What a trace costs besides its spans: its record, its map entry, its index entries. */
    static final long TRACE_OVERHEAD_BYTES = 256;

    private final long maxSpans;
    private final long maxBytes;
    private final long maxAgeMillis;
    private final Evictions evictions;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<String, TraceRecord> traces = new HashMap<>();
    private final ArrayDeque<TraceRecord> arrival = new ArrayDeque<>();
    private final Map<String, ArrayDeque<TraceRecord>> byService = new HashMap<>();
    private final Map<String, Set<String>> spanNames = new HashMap<>();
    private final Map<String, Set<String>> remoteServices = new HashMap<>();
    /** service -> "kind name" of its spans, for Jaeger's operations. */
    private final Map<String, Set<String>> operations = new HashMap<>();
    private long spans;
    private long bytes;

    @Inject
    SpanStore(ObservabilityConfig config, Evictions evictions) {
        this(config.store().maxSpans(), config.store().maxBytes().asLongValue(), config.store().maxAge(), evictions);
    }

    SpanStore(long maxSpans, long maxBytes, Duration maxAge, Evictions evictions) {
        this.maxSpans = maxSpans;
        this.maxBytes = maxBytes;
        this.maxAgeMillis = maxAge.toMillis();
        this.evictions = evictions;
    }

    /** Counts a trace evicted with its spans, by reason: {@code age}, {@code bytes} or {@code spans}. */
    public interface Evictions {
        void evicted(String reason, long spans);
    }

    public void add(List<Span> batch, long now) {
        List<byte[]> encoded = new ArrayList<>(batch.size());
        batch.forEach(span -> encoded.add(SpanBytesEncoder.PROTO3.encode(span)));
        lock.writeLock().lock();
        try {
            for (int i = 0; i < batch.size(); i++) {
                add(batch.get(i), encoded.get(i), now);
            }
            evict(now);
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void add(Span span, byte[] encoded, long now) {
        TraceRecord trace = traces.computeIfAbsent(span.traceId(), id -> {
            TraceRecord created = new TraceRecord(id, now);
            arrival.add(created);
            return created;
        });
        long before = trace.bytes();
        trace.add(encoded, span);
        bytes += trace.bytes() - before;
        spans++;
        String service = span.localServiceName();
        if (service != null) {
            ArrayDeque<TraceRecord> index = byService.computeIfAbsent(service, s -> new ArrayDeque<>());
            if (index.peekLast() != trace) {
                index.add(trace);
            }
            if (span.name() != null) {
                spanNames.computeIfAbsent(service, s -> new TreeSet<>()).add(span.name());
                operations.computeIfAbsent(service, s -> new TreeSet<>())
                        .add((span.kind() == null ? "" : span.kind().name()) + " " + span.name());
            }
            if (span.remoteServiceName() != null) {
                remoteServices.computeIfAbsent(service, s -> new TreeSet<>()).add(span.remoteServiceName());
            }
        }
    }

    private void evict(long now) {
        while (!arrival.isEmpty()) {
            String reason = now - arrival.peekFirst().firstArrival > maxAgeMillis ? "age"
                    : cost() > maxBytes ? "bytes" : spans > maxSpans ? "spans" : null;
            if (reason == null) {
                break;
            }
            TraceRecord oldest = arrival.pollFirst();
            oldest.evicted = true;
            traces.remove(oldest.traceId);
            spans -= oldest.size();
            bytes -= oldest.bytes();
            evictions.evicted(reason, oldest.size());
        }
        byService.entrySet().removeIf(service -> {
            ArrayDeque<TraceRecord> index = service.getValue();
            while (!index.isEmpty() && index.peekFirst().evicted) {
                index.pollFirst();
            }
            if (index.isEmpty()) {
                spanNames.remove(service.getKey());
                remoteServices.remove(service.getKey());
                operations.remove(service.getKey());
                return true;
            }
            return false;
        });
    }

    /** The trace's spans merged and sorted as Zipkin returns them. */
    public Optional<List<Span>> trace(String traceId) {
        lock.readLock().lock();
        try {
            TraceRecord trace = traces.get(traceId);
            return trace == null ? Optional.empty() : Optional.of(merged(trace));
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Traces with a span of {@code service} (any service when null) whose spans satisfy {@code test}, at most
     * {@code limit}, the newest by start time first as Zipkin chooses them (not the last to arrive: a late span
     * of an old trace does not make it new); {@code mayMatch} rules a trace out by its time range before decoding.
     */
    public List<List<Span>> search(String service, Predicate<TraceRecordView> mayMatch, Predicate<List<Span>> test,
            int limit) {
        lock.readLock().lock();
        try {
            List<TraceRecord> candidates = new ArrayList<>();
            Set<TraceRecord> seen = Collections.newSetFromMap(new IdentityHashMap<>());
            Iterator<TraceRecord> lastArrivedFirst = service == null ? arrival.descendingIterator()
                    : byService.getOrDefault(service, new ArrayDeque<>()).descendingIterator();
            while (lastArrivedFirst.hasNext()) {
                TraceRecord trace = lastArrivedFirst.next();
                if (!trace.evicted && seen.add(trace)
                        && mayMatch.test(new TraceRecordView(trace.minTimestamp, trace.maxEnd))) {
                    candidates.add(trace);
                }
            }
            // Arrival order is nearly start order, so this sort is close to linear.
            candidates.sort(NEWEST_START_FIRST);
            List<List<Span>> found = new ArrayList<>();
            for (int i = 0; i < candidates.size() && found.size() < limit; i++) {
                List<Span> spansOfTrace = merged(candidates.get(i));
                if (test.test(spansOfTrace)) {
                    found.add(spansOfTrace);
                }
            }
            return found;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Zipkin's merge of a trace's spans, in the order Zipkin answers: by timestamp. */
    private static List<Span> merged(TraceRecord trace) {
        List<Span> spans = new ArrayList<>(Trace.merge(trace.decode()));
        spans.sort(BY_TIMESTAMP);
        return spans;
    }

    public Set<String> services() {
        lock.readLock().lock();
        try {
            return new TreeSet<>(byService.keySet());
        } finally {
            lock.readLock().unlock();
        }
    }

    public Set<String> spanNames(String service) {
        return copyOf(spanNames, service);
    }

    /** The service's operations as "KIND name" (KIND empty when the span has none). */
    public Set<String> operations(String service) {
        return copyOf(operations, service);
    }

    public Set<String> remoteServices(String service) {
        return copyOf(remoteServices, service);
    }

    public long spans() {
        return spans;
    }

    public long traces() {
        lock.readLock().lock();
        try {
            return traces.size();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** What the budget {@code max-bytes} is held against: the spans' bytes and each trace's overhead. */
    public long cost() {
        return bytes + TRACE_OVERHEAD_BYTES * traces.size();
    }

    private Set<String> copyOf(Map<String, Set<String>> index, String service) {
        lock.readLock().lock();
        try {
            return new TreeSet<>(index.getOrDefault(service, Set.of()));
        } finally {
            lock.readLock().unlock();
        }
    }

    /** A trace's time range in microseconds, to rule it out of a search without decoding it. */
    public record TraceRecordView(long startMicros, long endMicros) {
    }
}
