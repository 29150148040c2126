package io.graylane.e2e;

import static io.graylane.infra.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.graylane.events.Topics;
import io.graylane.infra.FreePort;
import io.graylane.infra.KafkaBroker;
import io.graylane.infra.PostgresServer;
import io.graylane.infra.SharedPostgres;
import io.graylane.infra.TopicReader;
import io.restassured.http.ContentType;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/**
 * A Kafka that lets in only clients authenticated with SASL/PLAIN: all four services, given the same
 * {@code kafka.*} settings through the environment, produce and consume on it (traffic-service's own release
 * feed included), and a client without credentials is not let in.
 */
class KafkaSaslTest {

    @Test
    void allFourServicesWorkWithAKafkaThatRequiresSaslPlain() throws Exception {
        KafkaBroker.SaslPlain sasl = new KafkaBroker.SaslPlain("graylane", UUID.randomUUID().toString());
        KafkaBroker broker = new KafkaBroker(FreePort.find(), FreePort.find(),
                Files.createTempDirectory("graylane-kafka-sasl-"), true, sasl);
        broker.start();
        List<ServiceProcess> processes = new ArrayList<>();
        try {
            Map<String, String> kafka = new HashMap<>(Map.of("GRAYLANE_KAFKA_BOOTSTRAP", broker.bootstrapServers()));
            sasl.clientProperties().forEach((key, value) -> kafka.put("KAFKA_" + key.toUpperCase().replace('.', '_'),
                    value));
            ServiceProcess standIn = start(processes, ServiceProcess.kubeStandIn(FreePort.find()));
            Map<String, String> cluster = with(kafka, Map.of("QUARKUS_KUBERNETES_CLIENT_API_SERVER_URL", standIn.url()));
            ServiceProcess release = start(processes, new ServiceProcess("release-service", FreePort.find(),
                    with(kafka, Map.of("GRAYLANE_DB_URL", SharedPostgres.database("kafka_sasl"),
                            "GRAYLANE_DB_USER", PostgresServer.USER))));
            start(processes, new ServiceProcess("traffic-service", FreePort.find(), cluster));
            ServiceProcess observability = start(processes, new ServiceProcess("observability-service",
                    FreePort.find(), kafka));
            ServiceProcess bookinfo = start(processes, new ServiceProcess("bookinfo-deployer", FreePort.find(),
                    with(cluster, Map.of("GRAYLANE_TRAFFIC_MODE", "simulated",
                            "GRAYLANE_TRAFFIC_OBSERVABILITY_URL", observability.ingestUrl()))));

            String namespace = "sasl-" + UUID.randomUUID().toString().substring(0, 6);
            given().post(bookinfo.url() + "/api/v1/namespaces/" + namespace + "/bookinfo").then().statusCode(200);
            try (TopicReader announcements = new TopicReader(broker, Topics.BOOKINFO)) {
                assertThat(announcements.await(r -> r.value().contains(namespace), 1, Duration.ofSeconds(60)))
                        .as("bookinfo-deployer's announcement, produced through SASL").isNotEmpty();
            }
            String releases = release.url() + "/api/v1/namespaces/" + namespace + "/releases";
            given().contentType(ContentType.JSON).body("""
                    {"name": "canary", "strategy": "CANARY", "service": "reviews", "baseline": {"version": "v1"},
                     "candidate": {"version": "v2", "image": "kubesphere/examples-bookinfo-reviews-v2:1.13.0"},
                     "traffic": {"weights": {"v1": 70, "v2": 30}}}""").post(releases).then().statusCode(201);
            // release-service -> graylane.releases -> traffic-service's feed -> graylane.traffic -> release-service
            await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> given().get(releases + "/canary").then()
                    .body("phase", equalTo("Active")));
            // observability-service read the release and its applied weights from both topics
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get(observability.url()
                    + "/api/v1/namespaces/" + namespace + "/releases/canary/comparison").then().statusCode(200));

            try (KafkaConsumer<String, String> intruder = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                    new StringDeserializer(), new StringDeserializer())) {
                assertThatThrownBy(() -> intruder.partitionsFor(Topics.RELEASES, Duration.ofSeconds(5)))
                        .as("a client without credentials is not let in").isInstanceOf(TimeoutException.class);
            }
        } finally {
            for (ServiceProcess process : processes) {
                process.kill();
            }
            broker.destroy();
        }
    }

    private static ServiceProcess start(List<ServiceProcess> processes, ServiceProcess process) {
        processes.add(process);
        return process.start();
    }

    private static Map<String, String> with(Map<String, String> base, Map<String, String> more) {
        Map<String, String> all = new HashMap<>(base);
        all.putAll(more);
        return all;
    }
}
