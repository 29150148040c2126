package io.graylane.observability.prometheus;

import io.graylane.observability.metrics.MetricsSource.Scope;
import java.util.ArrayList;
import java.util.List;

/**
 * Every PromQL query Graylane runs, on Istio's standard metrics
 * (https://istio.io/latest/docs/reference/config/metrics/), each next to the Kiali or Flagger query it
 * corresponds to. Graylane takes {@code increase()} over the window where they take {@code rate()}: it needs
 * counts (requests, errors, split) as well as rates, and divides by the window itself. It groups by
 * canonical service and revision, Kiali's versioned-app keys, where Flagger selects one workload by name.
 *
 * <p>Workloads are measured where the request is received ({@code reporter="destination"}), calls between
 * workloads where they are sent ({@code reporter="source"}), and calls from callers without a proxy (outside
 * the mesh) where they are received, with {@code source_workload="unknown"}, as Kiali does.
 */
final class IstioQueries {

    /** A versioned app receiving requests: Kiali's versioned-app node. */
    static final String WORKLOAD = "destination_workload_namespace,destination_canonical_service,"
            + "destination_canonical_revision";
    /** An edge of the versioned-app graph, caller to callee. */
    static final String EDGE = "source_workload_namespace,source_workload,source_canonical_service,"
            + "source_canonical_revision,destination_service_namespace,destination_service_name," + WORKLOAD;

    private static final String REQUESTS = "istio_requests_total";
    private static final String BUCKETS = "istio_request_duration_milliseconds_bucket";
    private static final String SUMS = "istio_request_duration_milliseconds_sum";

    private IstioQueries() {
    }

    /**
     * Requests received per version and response code. Flagger's request-success-rate:
     * <pre>
     * sum(rate(istio_requests_total{reporter="destination", destination_workload_namespace="NS",
     *     destination_workload=~"TARGET", response_code!~"5.*"}[1m]))
     *   / sum(rate(istio_requests_total{reporter="destination", destination_workload_namespace="NS",
     *     destination_workload=~"TARGET"}[1m])) * 100
     * </pre>
     * Kiali's app health (inbound requests by response code):
     * {@code sum(rate(istio_requests_total{reporter="destination",destination_service_namespace="NS"}[R]))
     * by (destination_canonical_service,destination_canonical_revision,response_code,...)}.
     */
    static String received(Scope scope, String range) {
        return "sum by (" + WORKLOAD + ",response_code) (increase(" + REQUESTS + selector(scope, "") + "[" + range
                + "]))";
    }

    /**
     * Duration buckets of the requests received per version. Flagger's request-duration:
     * <pre>
     * histogram_quantile(0.99, sum(rate(istio_request_duration_milliseconds_bucket{reporter="destination",
     *     destination_workload_namespace="NS", destination_workload=~"TARGET"}[1m])) by (le))
     * </pre>
     * Graylane reads the buckets and computes {@code histogram_quantile} itself (exactly as Prometheus does,
     * {@link io.graylane.observability.metrics.BucketHistogram}) so that versions and steps can be summed.
     */
    static String receivedBuckets(Scope scope, String range) {
        return "sum by (" + WORKLOAD + ",le) (increase(" + BUCKETS + selector(scope, "") + "[" + range + "]))";
    }

    /** Total duration of the requests received per version, for the average (Kiali's and Grafana's avg). */
    static String receivedDurations(Scope scope, String range) {
        return "sum by (" + WORKLOAD + ") (increase(" + SUMS + selector(scope, "") + "[" + range + "]))";
    }

    /**
     * The pods that received requests, per version, from the {@code pod} label Istio's Prometheus
     * configuration adds to a scraped sidecar (no such label, no pods).
     */
    static String pods(Scope scope, String range) {
        return "sum by (" + WORKLOAD + ",pod) (increase(" + REQUESTS + selector(scope, ",pod!=\"\"")
                + "[" + range + "])) > 0";
    }

    /**
     * Calls from one versioned app to another, per response code. Kiali's versioned-app graph of a namespace
     * ({@code business/graph/telemetry/istio}):
     * <pre>
     * sum(rate(istio_requests_total{reporter="destination",destination_service_namespace="NS"}[R]))
     *   by (source_cluster,source_workload_namespace,source_workload,source_canonical_service,
     *       source_canonical_revision,destination_cluster,destination_service_namespace,destination_service,
     *       destination_service_name,destination_workload_namespace,destination_workload,
     *       destination_canonical_service,destination_canonical_revision,request_protocol,response_code,
     *       grpc_response_status,response_flags) > 0
     * </pre>
     * plus the same with {@code reporter="source"} for requests that reached no workload. Graylane counts an
     * edge where it is sent, so requests that failed before a pod are on their edge too.
     */
    static String calls(Scope scope, String range) {
        return "sum by (" + EDGE + ",response_code) (" + callTerms(REQUESTS, scope, range) + ")";
    }

    /**
     * The 95th percentile of each edge's call durations, computed by Prometheus: the graph shows no more of
     * them, and one value per edge is a twentieth of its buckets' bytes. Kiali's edge response time:
     * {@code histogram_quantile(0.95, sum(rate(istio_request_duration_milliseconds_bucket{reporter=...,
     * destination_service_namespace="NS"}[R])) by (le, source_..., destination_...))}.
     */
    static String callP95(Scope scope, String range) {
        return "histogram_quantile(0.95, sum by (" + EDGE + ",le) (" + callTerms(BUCKETS, scope, range) + "))";
    }

    /** Requests received by the scope's workloads. */
    private static String selector(Scope scope, String more) {
        StringBuilder selector = new StringBuilder("{reporter=\"destination\",destination_workload_namespace=")
                .append(literal(scope.namespace()));
        if (scope.service() != null) {
            selector.append(",destination_canonical_service=").append(literal(scope.service()));
        }
        return selector.append(more).append('}').toString();
    }

    /**
     * Calls that touch the namespace, sent from or received in it, as the sender reports them, or as the
     * receiver does when the sender has no proxy. {@code or} keeps a series matched by two terms once.
     */
    private static String callTerms(String metric, Scope scope, String range) {
        List<String> terms = new ArrayList<>();
        for (String reporter : List.of("reporter=\"source\"", "reporter=\"destination\",source_workload=\"unknown\"")) {
            for (String side : List.of("destination_service_namespace=", "source_workload_namespace=")) {
                terms.add("increase(" + metric + "{" + reporter + "," + side + literal(scope.namespace()) + "}["
                        + range + "])");
            }
        }
        return String.join(" or ", terms);
    }

    /** A PromQL string literal: quoted, with backslashes, quotes and line breaks escaped. */
    static String literal(String value) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '\\' -> quoted.append("\\\\");
                case '"' -> quoted.append("\\\"");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                default -> quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }

    /** A window length as PromQL writes a range: whole seconds. */
    static String range(long millis) {
        return Math.max(1, millis / 1000) + "s";
    }
}
