package io.graylane.infra;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a topic from its beginning, as an independent consumer would, for tests: no consumer group, every
 * partition assigned, records kept in the order they arrive.
 */
public final class TopicReader implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;
    private final List<ConsumerRecord<String, String>> seen = new ArrayList<>();

    public TopicReader(String bootstrapServers, String topic) {
        this(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), topic);
    }

    /** A reader of {@code broker}, authenticated as its clients must be. */
    public TopicReader(KafkaBroker broker, String topic) {
        this(broker.clientProperties(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers())),
                topic);
    }

    private TopicReader(Map<String, ?> settings, String topic) {
        Map<String, Object> config = new java.util.HashMap<>(settings);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> partitions = partitions(topic);
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** The topic's partitions; asking creates the topic on a broker that creates topics on demand. */
    private List<TopicPartition> partitions(String topic) {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            if (!partitions.isEmpty()) {
                return partitions;
            }
        }
        throw new AssertionError("topic " + topic + " has no partitions after 30 s");
    }

    /** Waits until {@code count} records satisfy {@code filter}; fails after {@code timeout}. */
    public List<ConsumerRecord<String, String>> await(Predicate<ConsumerRecord<String, String>> filter, int count,
            Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (matching(filter).size() < count && Instant.now().isBefore(deadline)) {
            poll();
        }
        List<ConsumerRecord<String, String>> found = matching(filter);
        if (found.size() < count) {
            throw new AssertionError("expected " + count + " matching records within " + timeout + ", found "
                    + found.size() + ": " + found.stream().map(ConsumerRecord::value).toList());
        }
        return found;
    }

    /** Everything that satisfies {@code filter} after reading on for {@code quietPeriod}: catches duplicates. */
    public List<ConsumerRecord<String, String>> settle(Predicate<ConsumerRecord<String, String>> filter,
            Duration quietPeriod) {
        Instant end = Instant.now().plus(quietPeriod);
        while (Instant.now().isBefore(end)) {
            poll();
        }
        return matching(filter);
    }

    private void poll() {
        consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
    }

    private List<ConsumerRecord<String, String>> matching(Predicate<ConsumerRecord<String, String>> filter) {
        return seen.stream().filter(filter).toList();
    }

    @Override
    public void close() {
        consumer.close();
    }
}
