package io.graylane.messaging;

import io.graylane.events.CloudEvent;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

/** Sends a Kafka record through an {@link Emitter} and tells when Kafka took it, or why it did not. */
public final class AcknowledgedSend {

    private AcknowledgedSend() {
    }

    /** Completes when the broker acknowledged the record; fails with the producer's error. */
    public static CompletableFuture<Void> send(Emitter<String> emitter, String topic, String key, String value,
            Headers headers) {
        CompletableFuture<Void> acked = new CompletableFuture<>();
        OutgoingKafkaRecordMetadata<String> kafka = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(topic).withKey(key).withHeaders(headers).build();
        try {
            emitter.send(Message.of(value, Metadata.of(kafka),
                    () -> {
                        acked.complete(null);
                        return CompletableFuture.completedFuture(null);
                    },
                    failure -> {
                        acked.completeExceptionally(failure);
                        return CompletableFuture.completedFuture(null);
                    }));
        } catch (RuntimeException e) {
            acked.completeExceptionally(e);
        }
        return acked;
    }

    /** The header of a CloudEvent in structured mode. */
    public static Headers cloudEventHeaders() {
        return new RecordHeaders().add("content-type", CloudEvent.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
    }
}
