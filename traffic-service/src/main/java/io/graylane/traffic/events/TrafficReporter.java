package io.graylane.traffic.events;

import io.graylane.events.CloudEvent;
import io.graylane.events.EventCodec;
import io.graylane.events.Topics;
import io.graylane.messaging.AcknowledgedSend;
import io.graylane.traffic.config.TrafficServiceConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

/**
 * Publishes reports on {@code graylane.traffic} and sets aside unreadable release events. Reports need no
 * outbox: they describe the cluster, and a report lost with Kafka is sent again by the next pass.
 */
@ApplicationScoped
public class TrafficReporter {

    private final Emitter<String> emitter;
    private final EventCodec codec;
    private final String source;

    TrafficReporter(@Channel("traffic-out") Emitter<String> emitter, EventCodec codec, TrafficServiceConfig config) {
        this.emitter = emitter;
        this.codec = codec;
        this.source = config.events().source();
    }

    /** Sends a report; the future fails when Kafka does not take it. */
    public CompletableFuture<Void> report(String namespace, String service, String release, String type, Object data) {
        CloudEvent event = codec.create(source, type, CloudEvent.subject(namespace, release), data);
        return AcknowledgedSend.send(emitter, Topics.TRAFFIC, Topics.recordKey(namespace, service),
                codec.write(event), AcknowledgedSend.cloudEventHeaders());
    }

    /** Copies an unreadable record of {@code graylane.releases} to its dead-letter topic, with the reason. */
    public CompletableFuture<Void> deadLetter(String key, String value, String reason, String origin) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("dead-letter-reason", reason.getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-topic", Topics.RELEASES.getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-origin", origin.getBytes(StandardCharsets.UTF_8));
        return AcknowledgedSend.send(emitter, Topics.RELEASES_DEAD_LETTER, key, value, headers);
    }
}
