package io.graylane.observability.api;

import io.graylane.observability.mesh.StatusClass;
import io.graylane.observability.mesh.Workload;
import io.graylane.observability.metrics.RequestStats;
import io.graylane.observability.metrics.Snapshot;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** A versioned-app node of the graph and the Kiali-shaped elements made of it. */
final class GraphNode {

    /** Error rates from which a node is degraded, then failing. */
    static final double DEGRADED = 0.01;
    static final double FAILING = 0.10;

    final Workload workload;
    final Set<String> pods;
    final RequestStats received = new RequestStats();
    long out;
    /** Whether the node is the destination of an edge of the graph. */
    boolean called;

    GraphNode(Workload workload, Set<String> pods) {
        this.workload = workload;
        this.pods = pods;
    }

    String id() {
        return hash("node/" + workload.namespace() + "/" + workload.app() + "/" + workload.version());
    }

    /**
     * The node as Kiali answers it: {@code cluster}, {@code destServices} (the Service it received requests
     * for), {@code isOutside} for a node of another namespace than the one asked for, {@code isRoot} for one
     * that only sends.
     */
    Map<String, Object> element(double seconds, String cluster, String namespaceAsked) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", id());
        if (!workload.isUnknown()) {
            data.put("parent", hash("box/" + workload.namespace() + "/" + workload.app()));
        }
        data.put("nodeType", workload.isUnknown() ? "unknown" : "app");
        data.put("cluster", cluster);
        data.put("namespace", workload.namespace());
        data.put("workload", workloadName());
        data.put("app", workload.app());
        data.put("version", workload.version());
        boolean receives = received.requests() > 0 || called;
        if (!workload.isUnknown() && receives) {
            data.put("destServices", List.of(Map.of("cluster", cluster, "namespace", workload.namespace(),
                    "name", workload.app())));
        }
        Map<String, String> rates = new LinkedHashMap<>();
        rate(rates, "httpIn", received.requests(), seconds);
        rate(rates, "httpIn3xx", received.count(StatusClass.S3XX), seconds);
        rate(rates, "httpIn4xx", received.count(StatusClass.S4XX), seconds);
        rate(rates, "httpIn5xx", received.count(StatusClass.S5XX), seconds);
        rate(rates, "httpInNoResponse", received.count(StatusClass.NO_RESPONSE), seconds);
        rate(rates, "httpOut", out, seconds);
        data.put("traffic", List.of(Map.of("protocol", "http", "rates", rates)));
        data.put("healthData", null);
        data.put("health", health());
        if (workload.isUnknown()) {
            data.put("isInaccessible", true);
        } else if (!workload.namespace().equals(namespaceAsked)) {
            data.put("isOutside", true);
        }
        if (!receives) {
            data.put("isRoot", true);
        }
        return Map.of("data", data);
    }

    static Map<String, Object> box(Workload workload, String cluster) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", hash("box/" + workload.namespace() + "/" + workload.app()));
        data.put("nodeType", "box");
        data.put("cluster", cluster);
        data.put("namespace", workload.namespace());
        data.put("app", workload.app());
        data.put("healthData", null);
        data.put("isBox", "app");
        return Map.of("data", data);
    }

    static Map<String, Object> edge(GraphNode source, GraphNode target, RequestStats stats, double seconds,
            long sentBySource) {
        Map<String, String> rates = new LinkedHashMap<>();
        rate(rates, "http", stats.requests(), seconds);
        rate(rates, "http3xx", stats.count(StatusClass.S3XX), seconds);
        rate(rates, "http4xx", stats.count(StatusClass.S4XX), seconds);
        rate(rates, "http5xx", stats.count(StatusClass.S5XX), seconds);
        rate(rates, "httpNoResponse", stats.count(StatusClass.NO_RESPONSE), seconds);
        if (stats.errors() > 0) {
            rates.put("httpPercentErr", percent(stats.errors(), stats.requests()));
        }
        rates.put("httpPercentReq", percent(stats.requests(), Math.max(1, sentBySource)));
        Map<String, Object> responses = new LinkedHashMap<>();
        stats.byStatus().forEach((status, n) -> responses.put(status == 0 ? "-" : Integer.toString(status),
                Map.of("flags", Map.of("-", percent(n, stats.requests())),
                        "hosts", Map.of(target.workload.app() + "." + target.workload.namespace()
                                + ".svc.cluster.local", percent(n, stats.requests())))));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", hash("edge/" + source.id() + "/" + target.id()));
        data.put("source", source.id());
        data.put("target", target.id());
        data.put("traffic", Map.of("protocol", "http", "rates", rates, "responses", responses));
        Double p95 = stats.quantileMillis(0.95);
        if (p95 != null) {
            data.put("responseTime", String.format(Locale.ROOT, "%.0f", p95));
        }
        return Map.of("data", data);
    }

    /** healthy below 1% errors, degraded below 10%, failing from 10%; idle without requests received. */
    private String health() {
        if (received.requests() == 0) {
            return workload.isUnknown() ? null : "idle";
        }
        double errors = received.errorRate();
        return errors >= FAILING ? "failing" : errors >= DEGRADED ? "degraded" : "healthy";
    }

    /** The Deployment behind the pods ({@code reviews-v2-6f76498fc8-58wpn} -> {@code reviews-v2}). */
    private String workloadName() {
        if (workload.isUnknown()) {
            return Workload.UNKNOWN;
        }
        if (pods != null && !pods.isEmpty()) {
            String pod = pods.iterator().next();
            String[] parts = pod.split("-");
            if (parts.length > 2) {
                return String.join("-", java.util.Arrays.copyOf(parts, parts.length - 2));
            }
        }
        return workload.app() + "-" + workload.version();
    }

    private static void rate(Map<String, String> rates, String name, long count, double seconds) {
        if (count > 0) {
            rates.put(name, String.format(Locale.ROOT, "%.2f", Snapshot.perSecond(count, seconds)));
        }
    }

    private static String percent(long part, long whole) {
        return String.format(Locale.ROOT, "%.1f", 100.0 * part / whole);
    }

    private static String hash(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
