package io.graylane.observability.ingest;

import java.util.List;
import java.util.Map;
import zipkin2.Endpoint;
import zipkin2.Span;

/**
 * An OTLP span with what it inherits from its resource, read from protobuf or JSON alike, and turned into
 * the Zipkin span every part of observability-service works with.
 *
 * @param kind OTLP's enum: 1 internal, 2 server, 3 client, 4 producer, 5 consumer
 * @param statusCode OTLP's enum: 0 unset, 1 ok, 2 error
 */
record OtlpSpan(
        String serviceName,
        String traceId,
        String spanId,
        String parentSpanId,
        String name,
        int kind,
        long startNanos,
        long endNanos,
        Map<String, String> attributes,
        int statusCode,
        String statusMessage,
        List<Event> events) {

    /** A span event: its time and name. */
    record Event(long timeNanos, String name) {
    }

    /** The Zipkin span; throws IllegalArgumentException for ids that are not hex of the right length. */
    Span toZipkin() {
        if (traceId == null || traceId.replace("0", "").isEmpty()) {
            throw new IllegalArgumentException("traceId is missing or all zeros");
        }
        if (spanId == null || spanId.replace("0", "").isEmpty()) {
            throw new IllegalArgumentException("spanId is missing or all zeros");
        }
        Span.Builder span = Span.newBuilder()
                .traceId(traceId)
                .id(spanId)
                .name(name)
                .kind(zipkinKind())
                .timestamp(startNanos / 1000)
                .duration(Math.max(1, (endNanos - startNanos) / 1000))
                .localEndpoint(Endpoint.newBuilder().serviceName(serviceName).build());
        if (parentSpanId != null && !parentSpanId.isEmpty()) {
            span.parentId(parentSpanId);
        }
        attributes.forEach((key, value) -> {
            if (key != null && value != null) {
                span.putTag(key, value);
            }
        });
        if (statusCode == 2) {
            span.putTag("otel.status_code", "ERROR");
            span.putTag("error", statusMessage == null || statusMessage.isEmpty() ? "true" : statusMessage);
        }
        for (Event event : events) {
            span.addAnnotation(event.timeNanos() / 1000, event.name());
        }
        return span.build();
    }

    private Span.Kind zipkinKind() {
        return switch (kind) {
            case 2 -> Span.Kind.SERVER;
            case 3 -> Span.Kind.CLIENT;
            case 4 -> Span.Kind.PRODUCER;
            case 5 -> Span.Kind.CONSUMER;
            default -> null;
        };
    }

}
