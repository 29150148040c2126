package io.graylane.e2e.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.istio.client.IstioClient;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/**
 * The control loop of the suite started by {@code ./graylane up} (durable PostgreSQL, real Kafka, the local
 * Kubernetes API): how long from a change accepted to the VirtualService written and the release Active
 * again, and how long 100, 300 and 1,000 releases at once take to become Active. Not part of
 * {@code ./mvnw verify}; run it with the command in docs/benchmarks.md.
 */
class ControlLoopBenchmark {

    private static final String API = env("GRAYLANE_BENCH_URL", "http://127.0.0.1:8081");
    private static final String KAFKA = env("GRAYLANE_BENCH_KAFKA", "127.0.0.1:9092");
    private static final String KUBE = env("GRAYLANE_BENCH_KUBE", "http://127.0.0.1:6443");
    private static final int CHANGES = Integer.parseInt(env("GRAYLANE_BENCH_CHANGES", "300"));
    /** An admin token: GRAYLANE_TOKEN, e.g. GRAYLANE_TOKEN=$(./graylane token) (the services need one). */
    private static final String TOKEN = env("GRAYLANE_TOKEN", "");

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private final KubernetesClient kube = new KubernetesClientBuilder()
            .withConfig(new ConfigBuilder(Config.empty()).withMasterUrl(KUBE).build()).build();
    /** subject "namespace/name" + "@" + generation -> when its phase became Active (or TakenOver...). */
    private final Map<String, Long> active = new ConcurrentHashMap<>();
    private final AtomicBoolean consuming = new AtomicBoolean(true);

    @Test
    void controlLoopLatency() throws Exception {
        String namespace = "bench-loop-" + UUID.randomUUID().toString().substring(0, 6);
        Thread consumer = startPhaseConsumer();
        baseline(namespace, "reviews");
        Map<Integer, Long> written = new ConcurrentHashMap<>();
        Watch watch = watchWeights(namespace, written);
        create(namespace, "canary", "reviews", 90);
        awaitActive(namespace + "/canary@1");

        List<Long> toVirtualService = new ArrayList<>();
        List<Long> toActive = new ArrayList<>();
        for (int i = 0; i < CHANGES; i++) {
            int baselineWeight = 10 + (i % 81);
            if (i > 0 && baselineWeight == 10 + ((i - 1) % 81)) {
                baselineWeight++;
            }
            written.remove(baselineWeight);
            long start = System.nanoTime();
            put(namespace, "canary", baselineWeight);
            long activeAt = awaitActive(namespace + "/canary@" + (i + 2));
            Long writtenAt = written.get(baselineWeight);
            toVirtualService.add((writtenAt == null ? activeAt : writtenAt) - start);
            toActive.add(activeAt - start);
        }
        watch.close();
        consuming.set(false);
        consumer.join();
        System.out.printf("%nweight changes: %d%n", CHANGES);
        System.out.printf("PUT accepted -> VirtualService written   %s%n", summary(toVirtualService));
        System.out.printf("PUT accepted -> release Active again      %s%n", summary(toActive));
    }

    @Test
    void manyReleasesAtOnce() throws Exception {
        Thread consumer = startPhaseConsumer();
        for (int count : List.of(100, 300, 1000)) {
            String namespace = "bench-scale-" + count + "-" + UUID.randomUUID().toString().substring(0, 4);
            for (int i = 0; i < count; i++) {
                baseline(namespace, "svc-" + i);
            }
            ExecutorService clients = Executors.newFixedThreadPool(16);
            long start = System.nanoTime();
            List<Future<Long>> created = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                created.add(clients.submit(() -> {
                    long requested = System.nanoTime();
                    create(namespace, "r" + index, "svc-" + index, 90);
                    return requested;
                }));
            }
            List<Long> perRelease = new ArrayList<>();
            long last = 0;
            for (int i = 0; i < count; i++) {
                long requested = created.get(i).get();
                long done = awaitActive(namespace + "/r" + i + "@1");
                perRelease.add(done - requested);
                last = Math.max(last, done);
            }
            clients.shutdown();
            System.out.printf("%n%d releases at once: all Active after %.2f s; per release %s%n", count,
                    (last - start) / 1e9, summary(perRelease));
        }
        consuming.set(false);
        consumer.join();
    }

    private void baseline(String namespace, String service) {
        Deployment deployment = new DeploymentBuilder()
                .withNewMetadata().withName(service + "-v1").withNamespace(namespace)
                .addToLabels("app", service).addToLabels("version", "v1").endMetadata()
                .withNewSpec().withReplicas(1)
                .withNewSelector().addToMatchLabels("app", service).addToMatchLabels("version", "v1").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", service).addToLabels("version", "v1")
                .endMetadata().withNewSpec().addNewContainer().withName(service)
                .withImage("example/" + service + ":1").endContainer().endSpec().endTemplate()
                .endSpec().build();
        kube.resource(deployment).create();
    }

    private Watch watchWeights(String namespace, Map<Integer, Long> written) {
        return kube.adapt(IstioClient.class).v1().virtualServices().inNamespace(namespace)
                .watch(new Watcher<VirtualService>() {
                    @Override
                    public void eventReceived(Action action, VirtualService service) {
                        long now = System.nanoTime();
                        var http = service.getSpec().getHttp();
                        if (!http.isEmpty() && http.get(0).getRoute().size() == 2) {
                            written.putIfAbsent(http.get(0).getRoute().get(0).getWeight(), now);
                        }
                    }

                    @Override
                    public void onClose(WatcherException cause) {
                        // the benchmark ends
                    }
                });
    }

    private Thread startPhaseConsumer() throws InterruptedException {
        AtomicBoolean ready = new AtomicBoolean();
        consuming.set(true);
        Thread thread = new Thread(() -> {
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA, ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"),
                    new StringDeserializer(), new StringDeserializer())) {
                List<TopicPartition> partitions = consumer.partitionsFor(Topics.RELEASES).stream()
                        .map(p -> new TopicPartition(Topics.RELEASES, p.partition())).toList();
                consumer.assign(partitions);
                consumer.seekToEnd(partitions);
                partitions.forEach(consumer::position);
                ready.set(true);
                while (consuming.get()) {
                    consumer.poll(Duration.ofMillis(50)).forEach(record -> phase(record.value()));
                }
            }
        }, "phase-consumer");
        thread.start();
        while (!ready.get()) {
            Thread.sleep(10);
        }
        return thread;
    }

    private void phase(String value) {
        try {
            JsonNode event = json.readTree(value);
            if (event.path("type").asText().endsWith("phase-changed.v1")
                    && event.at("/data/to").asText().equals("Active")) {
                active.putIfAbsent(event.path("subject").asText() + "@" + event.at("/data/generation").asLong(),
                        System.nanoTime());
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private long awaitActive(String key) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!active.containsKey(key)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(key + " not Active within 120 s");
            }
            Thread.sleep(0, 200_000);
        }
        return active.get(key);
    }

    private void create(String namespace, String name, String service, int baselineWeight) throws Exception {
        send(HttpRequest.newBuilder(URI.create(API + "/api/v1/namespaces/" + namespace + "/releases"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("""
                        {"name": "%s", "strategy": "CANARY", "service": "%s", "baseline": {"version": "v1"},
                         "candidate": {"version": "v2", "image": "example/%s:2"},
                         "traffic": {"weights": {"v1": %d, "v2": %d}}}
                        """.formatted(name, service, service, baselineWeight, 100 - baselineWeight))), 201);
    }

    private void put(String namespace, String name, int baselineWeight) throws Exception {
        send(HttpRequest.newBuilder(URI.create(API + "/api/v1/namespaces/" + namespace + "/releases/" + name
                + "/traffic")).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"weights\": {\"v1\": %d, \"v2\": %d}}"
                        .formatted(baselineWeight, 100 - baselineWeight))), 202);
    }

    private void send(HttpRequest.Builder request, int expected) throws Exception {
        HttpResponse<String> response = http.send(request.header("Authorization", "Bearer " + TOKEN).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new AssertionError(response.statusCode() + " " + response.body());
        }
    }

    private static String summary(List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        return String.format("n=%d p50=%.1f ms p95=%.1f ms p99=%.1f ms max=%.1f ms", sorted.size(),
                at(sorted, 0.50), at(sorted, 0.95), at(sorted, 0.99), sorted.get(sorted.size() - 1) / 1e6);
    }

    private static double at(List<Long> sorted, double quantile) {
        return sorted.get((int) Math.ceil(quantile * sorted.size()) - 1) / 1e6;
    }

    private static String env(String name, String fallback) {
        return System.getenv().getOrDefault(name, fallback);
    }
}
