package io.graylane.release.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.graylane.events.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * How long after a change is committed its event reaches a Kafka consumer, against the suite started by
 * {@code ./graylane up} (durable PostgreSQL). Not part of {@code ./mvnw verify}; run it with the command
 * in docs/benchmarks.md. Compares with Kafka alone (produce with acks=all, then consume) to isolate what
 * the outbox adds.
 */
class OutboxLatencyBenchmark {

    private static final String API = System.getenv().getOrDefault("GRAYLANE_BENCH_URL", "http://127.0.0.1:8081");
    /** An admin token: GRAYLANE_TOKEN=$(./graylane token) (the API needs one). */
    private static final String TOKEN = System.getenv().getOrDefault("GRAYLANE_TOKEN", "");
    private static final String KAFKA = System.getenv().getOrDefault("GRAYLANE_BENCH_KAFKA", "127.0.0.1:9092");
    private static final int WARMUP = 200;
    private static final int MEASURED = Integer.parseInt(System.getenv().getOrDefault("GRAYLANE_BENCH_N", "1000"));

    private final HttpClient http = HttpClient.newHttpClient();
    private final Map<String, Long> arrivals = new ConcurrentHashMap<>();
    private final AtomicBoolean consuming = new AtomicBoolean(true);

    @Test
    void commitToConsumerLatency() throws Exception {
        String namespace = "bench-" + UUID.randomUUID().toString().substring(0, 6);
        Thread consumer = startConsumer(Topics.RELEASES);
        List<Long> request = new ArrayList<>();
        List<Long> delivery = new ArrayList<>();
        for (int i = 0; i < WARMUP + MEASURED; i++) {
            String name = "r" + i;
            long start = System.nanoTime();
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(API
                    + "/api/v1/namespaces/" + namespace + "/releases"))
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + TOKEN)
                    .POST(HttpRequest.BodyPublishers.ofString(release(name))).build(),
                    HttpResponse.BodyHandlers.ofString());
            long committed = System.nanoTime();
            assertThat(response.statusCode()).isEqualTo(201);
            long arrived = awaitArrival(namespace + "/" + name);
            if (i >= WARMUP) {
                request.add(committed - start);
                delivery.add(arrived - committed);
            }
        }
        consuming.set(false);
        consumer.join();
        List<Long> kafkaAlone = kafkaAlone();
        System.out.printf("%nPOST /releases (201)              %s%n", summary(request));
        System.out.printf("201 answered -> event consumed    %s%n", summary(delivery));
        System.out.printf("Kafka alone: send -> consumed     %s%n", summary(kafkaAlone));
    }

    private List<Long> kafkaAlone() throws Exception {
        String topic = "graylane.bench";
        arrivals.clear();
        consuming.set(true);
        List<Long> latencies = new ArrayList<>();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, "0"), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "k", "{}")).get();
            Thread consumer = startConsumer(topic);
            for (int i = 0; i < WARMUP + MEASURED; i++) {
                String subject = UUID.randomUUID().toString();
                long start = System.nanoTime();
                producer.send(new ProducerRecord<>(topic, "k", "{\"subject\":\"" + subject + "\"}"));
                long arrived = awaitArrival(subject);
                if (i >= WARMUP) {
                    latencies.add(arrived - start);
                }
            }
            consuming.set(false);
            consumer.join();
        }
        return latencies;
    }

    private Thread startConsumer(String topic) throws InterruptedException {
        AtomicBoolean ready = new AtomicBoolean();
        Thread thread = new Thread(() -> {
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA,
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"),
                    new StringDeserializer(), new StringDeserializer())) {
                List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                        .map(p -> new TopicPartition(topic, p.partition())).toList();
                consumer.assign(partitions);
                consumer.seekToEnd(partitions);
                partitions.forEach(consumer::position);
                ready.set(true);
                while (consuming.get()) {
                    consumer.poll(Duration.ofMillis(100)).forEach(record -> {
                        int at = record.value().indexOf("\"subject\":\"");
                        if (at >= 0) {
                            int from = at + 11;
                            arrivals.put(record.value().substring(from, record.value().indexOf('"', from)),
                                    System.nanoTime());
                        }
                    });
                }
            }
        }, "bench-consumer");
        thread.start();
        while (!ready.get()) {
            Thread.sleep(10);
        }
        return thread;
    }

    private long awaitArrival(String subject) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!arrivals.containsKey(subject)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no event for " + subject + " within 30 s");
            }
            Thread.onSpinWait();
        }
        return arrivals.get(subject);
    }

    private static String summary(List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        return String.format("n=%d p50=%.2f ms p95=%.2f ms p99=%.2f ms max=%.2f ms", sorted.size(),
                millis(sorted, 0.50), millis(sorted, 0.95), millis(sorted, 0.99), sorted.get(sorted.size() - 1) / 1e6);
    }

    private static double millis(List<Long> sorted, double quantile) {
        return sorted.get((int) Math.ceil(quantile * sorted.size()) - 1) / 1e6;
    }

    private static String release(String name) {
        return """
                {"name": "%s", "strategy": "CANARY", "service": "%s", "baseline": {"version": "v1"},
                 "candidate": {"version": "v2", "image": "kubesphere/examples-bookinfo-reviews-v2:1.13.0"},
                 "traffic": {"weights": {"v1": 70, "v2": 30}}}
                """.formatted(name, name);
    }
}
