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
    /** (traceId, clientSpanId) -> the side seen first, in arrival order. Guarded by {@code windows}. */
    private final LinkedHashMap<CallKey, Waiting> waiting = new LinkedHashMap<>();

    CallPairing(MetricsWindows windows, ObservabilityConfig config) {
        this.windows = windows;
        this.timeoutMillis = config.metrics().pairingTimeout().toMillis();
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
        if (other == null) {
            waiting.put(key, new Waiting(span, now));
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
            if (now - alone.since < timeoutMillis) {
                return;
            }
            oldest.remove();
            alone(alone.span, now);
        }
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

    private record Waiting(MeshSpan span, long since) {
    }
}
