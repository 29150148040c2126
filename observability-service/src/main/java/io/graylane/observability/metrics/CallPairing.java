package io.graylane.observability.metrics;

import io.graylane.observability.config.ObservabilityConfig;
import io.graylane.observability.mesh.MeshSpan;
import io.graylane.observability.mesh.Workload;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Istio does not share span ids between caller and callee: a call is a CLIENT span and the SERVER span whose
 * parentId is its id, reported by two sidecars, in any order. This pairs them as they arrive; what stays
 * alone longer than the pairing timeout is counted as it is: a CLIENT span as a call to the destination its
 * upstream cluster names (no sidecar there: e.g. a gateway), a SERVER span as a call from outside the mesh.
 */
@ApplicationScoped
public class CallPairing {

    private final MetricsWindows windows;
    private final long timeoutMillis;
    private final long maxBytes;
    /** (traceId, clientSpanId) -> the side seen first, in arrival order. Guarded by {@code windows}. */
    private final LinkedHashMap<CallKey, Waiting> waiting = new LinkedHashMap<>();
    private long waitingBytes;
    private long givenUp;

    @jakarta.inject.Inject
    CallPairing(MetricsWindows windows, ObservabilityConfig config) {
        this(windows, config.metrics().pairingTimeout().toMillis(), config.metrics().pairingMaxBytes().asLongValue());
    }

    CallPairing(MetricsWindows windows, long timeoutMillis, long maxBytes) {
        this.windows = windows;
        this.timeoutMillis = timeoutMillis;
        this.maxBytes = maxBytes;
    }

    /** Bytes the waiting halves are estimated to take. */
    public long waitingBytes() {
        synchronized (windows) {
            return waitingBytes;
        }
    }

    /** Halves counted alone before the timeout because the waiting ones were over the byte budget. */
    public long givenUp() {
        synchronized (windows) {
            return givenUp;
        }
    }

    /** Counts a batch of spans under one lock: requests received, calls paired, halves left waiting. */
    public void offerAll(List<MeshSpan> spans, long now) {
        synchronized (windows) {
            spans.forEach(span -> offer(span, now));
            expireWaiting(now);
        }
    }

    private void offer(MeshSpan span, long now) {
        if (span.isServer()) {
            windows.received(span, now);
        }
        CallKey key = key(span);
        if (key == null) {
            if (span.isServer()) {
                windows.call(new Call(Workload.unknown(), span.workload()), span, now);
            }
            return;
        }
        Waiting other = waiting.remove(key);
        if (other != null) {
            waitingBytes -= other.bytes;
        }
        if (other == null) {
            Waiting half = new Waiting(span, now, estimatedBytes(span));
            waiting.put(key, half);
            waitingBytes += half.bytes;
        } else if (other.span.isClient() != span.isClient()) {
            MeshSpan client = span.isClient() ? span : other.span;
            MeshSpan server = span.isClient() ? other.span : span;
            windows.call(new Call(client.workload(), server.workload()), client, now);
            windows.link(client, server, now);
        }
    }

    /** Counts what waited too long for its other half. */
    public void expire(long now) {
        synchronized (windows) {
            expireWaiting(now);
        }
    }

    private void expireWaiting(long now) {
        Iterator<Map.Entry<CallKey, Waiting>> oldest = waiting.entrySet().iterator();
        while (oldest.hasNext()) {
            Waiting alone = oldest.next().getValue();
            boolean overBudget = waitingBytes > maxBytes;
            if (now - alone.since < timeoutMillis && !overBudget) {
                return;
            }
            if (now - alone.since < timeoutMillis) {
                givenUp++;
            }
            oldest.remove();
            waitingBytes -= alone.bytes;
            alone(alone.span, now);
        }
    }

    /**
     * What a decoded span held here takes, roughly: the objects (span, endpoints, tag map, strings' headers)
     * and the characters of its names and tags.
     */
    static long estimatedBytes(MeshSpan span) {
        long bytes = 640;
        for (Map.Entry<String, String> tag : span.span().tags().entrySet()) {
            bytes += 96 + tag.getKey().length() + tag.getValue().length();
        }
        return bytes + (span.span().name() == null ? 0 : span.span().name().length());
    }

    private void alone(MeshSpan span, long now) {
        if (span.isClient()) {
            Workload destination = span.destination() != null ? span.destination() : Workload.unknown();
            windows.call(new Call(span.workload(), destination), span, now);
        } else {
            windows.call(new Call(Workload.unknown(), span.workload()), span, now);
        }
    }

    /** Both halves of a call share the trace id and the CLIENT span's id. */
    private static CallKey key(MeshSpan span) {
        if (span.isClient()) {
            return new CallKey(span.span().traceId(), span.span().id());
        }
        if (span.isServer() && span.span().parentId() != null) {
            return new CallKey(span.span().traceId(), span.span().parentId());
        }
        return null;
    }

    private record CallKey(String traceId, String clientSpanId) {
    }

    private record Waiting(MeshSpan span, long since, long bytes) {
    }
}
