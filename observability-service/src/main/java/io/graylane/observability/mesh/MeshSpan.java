package io.graylane.observability.mesh;

import java.util.Map;
import zipkin2.Span;

/**
 * What a span of an Istio sidecar says, read by Istio's conventions: the workload from
 * {@code istio.canonical_service}/{@code istio.canonical_revision}/{@code istio.namespace} (or the local
 * service name {@code <app>.<namespace>}), the pod from {@code node_id}, the outcome from
 * {@code http.status_code}, and for a CLIENT span the destination from {@code upstream_cluster}
 * ({@code outbound|9080|v2|reviews.bookinfo.svc.cluster.local} names subset v2 of reviews in bookinfo).
 *
 * @param destination for a CLIENT span, the workload its upstream cluster names (version unknown without a subset)
 */
public record MeshSpan(
        Span span,
        Workload workload,
        String pod,
        int status,
        StatusClass outcome,
        boolean error,
        Workload destination) {

    public static MeshSpan of(Span span) {
        Map<String, String> tags = span.tags();
        Workload workload = workload(span, tags);
        int status = parseStatus(tags.get("http.status_code"));
        Workload destination = span.kind() == Span.Kind.CLIENT ? upstream(tags.get("upstream_cluster")) : null;
        return new MeshSpan(span, workload, pod(tags.get("node_id")), status, StatusClass.of(status),
                tags.containsKey("error"), destination);
    }

    public boolean isServer() {
        return span.kind() == Span.Kind.SERVER;
    }

    public boolean isClient() {
        return span.kind() == Span.Kind.CLIENT;
    }

    private static Workload workload(Span span, Map<String, String> tags) {
        String local = span.localServiceName();
        String app = tags.get("istio.canonical_service");
        String namespace = tags.get("istio.namespace");
        if (local != null && local.contains(".")) {
            app = app != null ? app : local.substring(0, local.indexOf('.'));
            namespace = namespace != null ? namespace : local.substring(local.indexOf('.') + 1);
        }
        String version = tags.getOrDefault("istio.canonical_revision", Workload.UNKNOWN);
        return new Workload(namespace != null ? namespace : Workload.UNKNOWN, app != null ? app
                : (local != null ? local : Workload.UNKNOWN), version, local);
    }

    /** {@code sidecar~10.244.0.23~reviews-v2-6f76498fc8-58wpn.bookinfo~bookinfo.svc.cluster.local} -> the pod. */
    static String pod(String nodeId) {
        if (nodeId == null) {
            return null;
        }
        int first = nodeId.indexOf('~');
        int second = first < 0 ? -1 : nodeId.indexOf('~', first + 1);
        if (second < 0) {
            return null;
        }
        int third = nodeId.indexOf('~', second + 1);
        String name = nodeId.substring(second + 1, third < 0 ? nodeId.length() : third);
        if (name.isEmpty()) {
            return null;
        }
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /** {@code outbound|9080|v2|reviews.bookinfo.svc.cluster.local} -> reviews in bookinfo, version v2. */
    static Workload upstream(String cluster) {
        if (cluster == null || !cluster.startsWith("outbound|")) {
            return null;
        }
        int port = cluster.indexOf('|', "outbound|".length());
        int subset = port < 0 ? -1 : cluster.indexOf('|', port + 1);
        if (subset < 0 || subset + 1 == cluster.length()) {
            return null;
        }
        String version = subset == port + 1 ? Workload.UNKNOWN : cluster.substring(port + 1, subset);
        int hostEnd = cluster.indexOf('|', subset + 1);
        String host = cluster.substring(subset + 1, hostEnd < 0 ? cluster.length() : hostEnd);
        if (host.isEmpty()) {
            return null;
        }
        int dot = host.indexOf('.');
        String service = dot < 0 ? host : host.substring(0, dot);
        int namespaceEnd = dot < 0 ? -1 : host.indexOf('.', dot + 1);
        String namespace = dot < 0 ? Workload.UNKNOWN
                : host.substring(dot + 1, namespaceEnd < 0 ? host.length() : namespaceEnd);
        return new Workload(namespace, service, version, service + "." + namespace);
    }

    private static int parseStatus(String status) {
        if (status == null) {
            return 0;
        }
        try {
            return Integer.parseInt(status.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
