package io.graylane.observability.ingest;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Spans from Kafka, as Zipkin's Kafka collector takes them: each record a JSON list of v2 spans (or a proto3
 * ListOfSpans). An unreadable record goes to {@code zipkin.dead-letter} and consumption goes on.
 */
@ApplicationScoped
public class ZipkinTopicConsumer {

    private final SpanIngest ingest;

    ZipkinTopicConsumer(SpanIngest ingest) {
        this.ingest = ingest;
    }

    @Incoming("zipkin-in")
    @Blocking
    public void consume(byte[] record) {
        if (record == null || record.length == 0) {
            throw new UnreadableSpans("empty record: expected a JSON list of Zipkin v2 spans", null);
        }
        boolean json = firstNonBlank(record) == '[';
        ingest.accept(ZipkinSpansResource.decode(json ? "application/json" : "application/x-protobuf", record));
    }

    private static byte firstNonBlank(byte[] record) {
        for (byte b : record) {
            if (!Character.isWhitespace(b)) {
                return b;
            }
        }
        return 0;
    }
}
