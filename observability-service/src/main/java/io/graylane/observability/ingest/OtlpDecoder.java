package io.graylane.observability.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an OTLP ExportTraceServiceRequest from protobuf (the generated classes of opentelemetry-proto) or from
 * OTLP/JSON, which differs from proto3's JSON mapping: ids are hex, enums are integers.
 */
final class OtlpDecoder {

    private static final ObjectMapper JSON = new ObjectMapper();

    private OtlpDecoder() {
    }

    static List<OtlpSpan> protobuf(byte[] body) {
        ExportTraceServiceRequest request;
        try {
            request = ExportTraceServiceRequest.parseFrom(body);
        } catch (InvalidProtocolBufferException e) {
            throw new UnreadableSpans("not an OTLP ExportTraceServiceRequest: " + e.getMessage(), e);
        }
        List<OtlpSpan> spans = new ArrayList<>();
        for (ResourceSpans resource : request.getResourceSpansList()) {
            String service = service(attributes(resource.getResource().getAttributesList()));
            for (ScopeSpans scope : resource.getScopeSpansList()) {
                for (io.opentelemetry.proto.trace.v1.Span span : scope.getSpansList()) {
                    List<OtlpSpan.Event> events = span.getEventsList().stream()
                            .map(e -> new OtlpSpan.Event(e.getTimeUnixNano(), e.getName())).toList();
                    spans.add(new OtlpSpan(service, hex(span.getTraceId()), hex(span.getSpanId()),
                            hex(span.getParentSpanId()), span.getName(), span.getKindValue(),
                            span.getStartTimeUnixNano(), span.getEndTimeUnixNano(),
                            attributes(span.getAttributesList()), span.getStatus().getCodeValue(),
                            span.getStatus().getMessage(), events));
                }
            }
        }
        return spans;
    }

    static List<OtlpSpan> json(byte[] body) {
        JsonNode request;
        try {
            request = JSON.readTree(body);
        } catch (IOException e) {
            throw new UnreadableSpans("not JSON: " + e.getMessage(), e);
        }
        if (request == null || !request.isObject()) {
            throw new UnreadableSpans("expected an ExportTraceServiceRequest object", null);
        }
        List<OtlpSpan> spans = new ArrayList<>();
        for (JsonNode resource : request.path("resourceSpans")) {
            String service = service(attributes(resource.path("resource").path("attributes")));
            for (JsonNode scope : resource.path("scopeSpans")) {
                for (JsonNode span : scope.path("spans")) {
                    spans.add(jsonSpan(service, span));
                }
            }
        }
        return spans;
    }

    private static OtlpSpan jsonSpan(String service, JsonNode span) {
        List<OtlpSpan.Event> events = new ArrayList<>();
        for (JsonNode event : span.path("events")) {
            events.add(new OtlpSpan.Event(number(event.path("timeUnixNano")), event.path("name").asText()));
        }
        JsonNode kind = span.path("kind");
        if (!kind.isMissingNode() && !kind.isIntegralNumber()) {
            throw new UnreadableSpans("kind must be an integer (OTLP/JSON), got " + kind, null);
        }
        return new OtlpSpan(service, span.path("traceId").asText(null), span.path("spanId").asText(null),
                span.path("parentSpanId").asText(null), span.path("name").asText(""), kind.asInt(0),
                number(span.path("startTimeUnixNano")), number(span.path("endTimeUnixNano")),
                attributes(span.path("attributes")), span.path("status").path("code").asInt(0),
                span.path("status").path("message").asText(null), events);
    }

    private static Map<String, String> attributes(List<KeyValue> attributes) {
        Map<String, String> values = new LinkedHashMap<>();
        attributes.forEach(kv -> values.put(kv.getKey(), text(kv.getValue())));
        return values;
    }

    private static Map<String, String> attributes(JsonNode attributes) {
        Map<String, String> values = new LinkedHashMap<>();
        for (JsonNode kv : attributes) {
            JsonNode value = kv.path("value");
            String text = value.has("stringValue") ? value.get("stringValue").asText()
                    : value.has("intValue") ? value.get("intValue").asText()
                    : value.has("doubleValue") ? value.get("doubleValue").asText()
                    : value.has("boolValue") ? value.get("boolValue").asText()
                    : value.toString();
            values.put(kv.path("key").asText(), text);
        }
        return values;
    }

    private static String text(AnyValue value) {
        return switch (value.getValueCase()) {
            case STRING_VALUE -> value.getStringValue();
            case INT_VALUE -> Long.toString(value.getIntValue());
            case DOUBLE_VALUE -> Double.toString(value.getDoubleValue());
            case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
            default -> value.toString().trim();
        };
    }

    private static String service(Map<String, String> resource) {
        return resource.getOrDefault("service.name", "unknown_service");
    }

    /** 64-bit integers come as decimal strings in OTLP/JSON, but numbers are accepted too. */
    private static long number(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return 0;
        }
        try {
            return node.isNumber() ? node.asLong() : Long.parseLong(node.asText());
        } catch (NumberFormatException e) {
            throw new UnreadableSpans("not an integer: " + node, e);
        }
    }

    private static String hex(ByteString bytes) {
        return bytes.isEmpty() ? null : HexFormat.of().formatHex(bytes.toByteArray());
    }
}
