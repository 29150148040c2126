package io.graylane.observability.api;

import io.graylane.observability.mesh.MeshSpan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import zipkin2.Annotation;
import zipkin2.Span;

/**
 * Zipkin spans in Jaeger's JSON (v2.20 HTTP API). A process is a service on a pod at a version, so each span
 * tells the version and the pod that served it ({@code version}, {@code pod} and {@code ip} process tags).
 */
final class JaegerTraces {

    private JaegerTraces() {
    }

    static Map<String, Object> trace(List<Span> spans) {
        Map<String, String> processIds = new LinkedHashMap<>();
        Map<String, Object> processes = new LinkedHashMap<>();
        List<Map<String, Object>> converted = new ArrayList<>();
        for (Span span : spans) {
            MeshSpan mesh = MeshSpan.of(span);
            List<Map<String, Object>> processTags = processTags(span, mesh);
            String key = span.localServiceName() + processTags;
            String processId = processIds.computeIfAbsent(key, k -> "p" + (processIds.size() + 1));
            processes.putIfAbsent(processId, Map.of("serviceName", name(span.localServiceName()), "tags", processTags));
            converted.add(span(span, processId));
        }
        Map<String, Object> trace = new LinkedHashMap<>();
        trace.put("traceID", spans.get(0).traceId());
        trace.put("spans", converted);
        trace.put("processes", processes);
        trace.put("warnings", null);
        return trace;
    }

    private static Map<String, Object> span(Span span, String processId) {
        Map<String, Object> converted = new LinkedHashMap<>();
        converted.put("traceID", span.traceId());
        converted.put("spanID", span.id());
        converted.put("operationName", name(span.name()));
        converted.put("references", span.parentId() == null ? List.of() : List.of(Map.of(
                "refType", "CHILD_OF", "traceID", span.traceId(), "spanID", span.parentId())));
        converted.put("startTime", span.timestampAsLong());
        converted.put("duration", span.durationAsLong());
        List<Map<String, Object>> tags = new ArrayList<>();
        if (span.kind() != null) {
            tags.add(tag("span.kind", span.kind().name().toLowerCase()));
        }
        span.tags().forEach((key, value) -> tags.add(tag(key, value)));
        converted.put("tags", tags);
        List<Map<String, Object>> logs = new ArrayList<>();
        for (Annotation annotation : span.annotations()) {
            logs.add(Map.of("timestamp", annotation.timestamp(), "fields",
                    List.of(tag("event", annotation.value()))));
        }
        converted.put("logs", logs);
        converted.put("processID", processId);
        converted.put("warnings", null);
        return converted;
    }

    private static List<Map<String, Object>> processTags(Span span, MeshSpan mesh) {
        List<Map<String, Object>> tags = new ArrayList<>();
        if (span.localEndpoint() != null && span.localEndpoint().ipv4() != null) {
            tags.add(tag("ip", span.localEndpoint().ipv4()));
        }
        if (mesh.pod() != null) {
            tags.add(tag("pod", mesh.pod()));
        }
        if (!mesh.workload().isUnknown() && span.tags().containsKey("istio.canonical_revision")) {
            tags.add(tag("version", mesh.workload().version()));
        }
        return tags;
    }

    static Map<String, Object> tag(String key, String value) {
        return Map.of("key", key, "type", "string", "value", value);
    }

    private static String name(String name) {
        return name == null ? "" : name;
    }
}
