package io.graylane.infra;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** Writes records the way another system would, for tests; each send waits for the acknowledgement. */
public final class TopicWriter implements AutoCloseable {

    private final KafkaProducer<String, String> producer;

    public TopicWriter(String bootstrapServers) {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                new StringSerializer(), new StringSerializer());
    }

    public void send(String topic, String key, String value) {
        send(topic, key, value, Map.of());
    }

    /** Sends with headers, e.g. {@code content-type} for a structured CloudEvent. */
    public void send(String topic, String key, String value, Map<String, String> headers) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
        headers.forEach((name, header) -> record.headers().add(name, header.getBytes(StandardCharsets.UTF_8)));
        try {
            producer.send(record).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka refused the record", e.getCause());
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
