package io.graylane.observability.releases;

import io.graylane.events.CloudEvent;
import io.graylane.events.EventCodec;
import io.graylane.events.Topics;
import io.graylane.messaging.AcknowledgedSend;
import io.graylane.observability.config.ObservabilityConfig;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

/** Sends observability-service's events about a release (snapshots, verdicts) to {@code graylane.analysis}. */
@ApplicationScoped
public class AnalysisPublisher {

    private final EventCodec codec;
    private final Emitter<String> emitter;
    private final String source;

    AnalysisPublisher(EventCodec codec, @Channel("analysis-out") Emitter<String> emitter, ObservabilityConfig config) {
        this.codec = codec;
        this.emitter = emitter;
        this.source = config.analysis().source();
    }

    /** One event of {@code type} about release {@code name}, keyed by its service. */
    public void publish(String type, String namespace, String name, String service, Object data) {
        CloudEvent event = codec.create(source, type, CloudEvent.subject(namespace, name), data);
        emitter.send(Message.of(codec.write(event), Metadata.of(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(Topics.recordKey(namespace, service))
                .withHeaders(AcknowledgedSend.cloudEventHeaders())
                .build())));
    }
}
