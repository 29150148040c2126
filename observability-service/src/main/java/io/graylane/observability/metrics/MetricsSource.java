package io.graylane.observability.metrics;

import java.util.List;

/**
 * Where the per-version metrics, the graph, the release comparison and the analysis snapshots come from: the
 * spans received here ({@link TracesSource}) or Istio's standard metrics in Prometheus
 * ({@link io.graylane.observability.prometheus.PrometheusSource}). Both answer in the same shapes; every
 * answer names the source it came from.
 */
public interface MetricsSource {

    /** {@code traces} or {@code prometheus}, as the answers name it. */
    String name();

    /** What the numbers are and how complete, for the answers' {@code sourceNote}. */
    String note();

    /** How latency percentiles are computed. */
    String percentiles();

    /** Windows are aligned inwards to whole multiples of this. */
    long resolutionMillis();

    /**
     * What was observed in {@code scope} over [from, to) aligned inwards to {@link #resolutionMillis()}: the
     * snapshot's period is the one actually covered. A snapshot may hold more than the scope.
     *
     * @throws SourceUnavailable when the source cannot answer now
     */
    Snapshot window(Scope scope, long fromMillis, long toMillis);

    /**
     * The window cut into steps of whole resolutions, oldest first, adding up to {@link #window}. The steps
     * hold at least the requests received.
     *
     * @throws SourceUnavailable when the source cannot answer now
     */
    List<Snapshot> series(Scope scope, long fromMillis, long toMillis, long stepMillis);

    /** What a query is about: a namespace (its workloads and every call that touches it), or one service of it. */
    record Scope(String namespace, String service) {

        public static Scope namespace(String namespace) {
            return new Scope(namespace, null);
        }

        public static Scope service(String namespace, String service) {
            return new Scope(namespace, service);
        }
    }

    /** The source could not answer (unreachable, refused, timed out); said to the caller as 503. */
    class SourceUnavailable extends RuntimeException {
        public SourceUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
