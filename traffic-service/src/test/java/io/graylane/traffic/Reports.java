package io.graylane.traffic;

import com.fasterxml.jackson.databind.JsonNode;
import io.graylane.events.CloudEvent;
import io.graylane.events.EventCodec;
import io.graylane.events.Topics;
import io.graylane.infra.SharedKafka;
import io.graylane.infra.TopicReader;
import java.time.Duration;
import java.util.List;

/** traffic-service's reports on graylane.traffic about one namespace, read by an independent consumer. */
public final class Reports implements AutoCloseable {

    private final EventCodec codec = new EventCodec();
    private final TopicReader reader = new TopicReader(SharedKafka.broker().bootstrapServers(), Topics.TRAFFIC);
    private final String namespace;

    public Reports(String namespace) {
        this.namespace = namespace;
    }

    /** Waits for a report of {@code type} about {@code generation} and returns its data. */
    public JsonNode await(String type, long generation) {
        List<CloudEvent> found = reader.await(r -> matches(r.value(), type, generation), 1, Duration.ofSeconds(30))
                .stream().map(r -> codec.read(r.value())).toList();
        return found.get(0).data();
    }

    /** Every report of {@code type} about {@code generation} seen after reading on for a while. */
    public List<JsonNode> all(String type, long generation, Duration quietPeriod) {
        return reader.settle(r -> matches(r.value(), type, generation), quietPeriod).stream()
                .map(r -> codec.read(r.value()).data()).toList();
    }

    private boolean matches(String value, String type, long generation) {
        CloudEvent event = codec.read(value);
        return event.type().equals(type) && event.subject().startsWith(namespace + "/")
                && event.data().path("generation").asLong() == generation;
    }

    @Override
    public void close() {
        reader.close();
    }
}
