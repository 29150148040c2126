package io.graylane.release.events;

import static io.graylane.release.Fixtures.create;
import static io.graylane.release.Fixtures.freshNamespace;
import static io.graylane.release.Fixtures.releases;
import static io.graylane.release.Fixtures.tutorialCanary;
import static io.graylane.infra.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.graylane.infra.IssuerResource;
import io.graylane.events.CloudEvent;
import io.graylane.events.EventTypes;
import io.graylane.events.Topics;
import io.graylane.infra.KafkaResource;
import io.graylane.infra.PostgresResource;
import io.graylane.infra.SharedKafka;
import io.graylane.infra.TopicReader;
import io.graylane.release.TrafficServiceStandIn;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import jakarta.inject.Inject;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Phase changes driven by reports on graylane.traffic, written by a real producer. */
@QuarkusTest
@WithTestResource(IssuerResource.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
class TrafficReportsTest {

    private final String namespace = freshNamespace();
    private final TrafficServiceStandIn trafficService = new TrafficServiceStandIn();

    @AfterEach
    void close() {
        trafficService.close();
    }

    @Inject
    ProcessedEventsPruning pruning;

    @Test
    void prunesTheIdsOfEventsProcessedLongerAgoThanTheRetention() {
        String old = "old-" + java.util.UUID.randomUUID();
        String recent = "recent-" + java.util.UUID.randomUUID();
        processed(old, OffsetDateTime.now(ZoneOffset.UTC).minusDays(15));
        processed(recent, OffsetDateTime.now(ZoneOffset.UTC).minusDays(1));

        assertThat(pruning.prune()).isGreaterThanOrEqualTo(1);

        assertThat(exists(old)).isFalse();
        assertThat(exists(recent)).isTrue();
    }

    private static void processed(String id, OffsetDateTime at) {
        QuarkusTransaction.requiringNew().run(() -> {
            ProcessedEvent event = new ProcessedEvent();
            event.eventId = id;
            event.type = EventTypes.TRAFFIC_APPLIED;
            event.processedAt = at;
            event.persist();
        });
    }

    private static boolean exists(String id) {
        return QuarkusTransaction.requiringNew().call(() -> ProcessedEvent.findById(id) != null);
    }

    @Test
    void processesADuplicateEventOnce() {
        create(namespace, tutorialCanary("canary", "reviews")).statusCode(201);
        CloudEvent failed = trafficService.failed(namespace, "canary", "reviews", 1);
        awaitPhase("Failed");
        CloudEvent applied = trafficService.applied(namespace, "canary", "reviews", 1);
        awaitPhase("Active");

        trafficService.send("reviews", failed);
        trafficService.send("reviews", applied);
        // A marker sent after the duplicates: once it is processed, so are they (one partition, in order).
        trafficService.condition(namespace, "canary", "reviews", 1, "Available", "True", "VersionsAvailable");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get(releases(namespace) + "/canary")
                .then().body("conditions.find { it.type == 'Available' }.status", equalTo("True")));
        given().get(releases(namespace) + "/canary").then().body("phase", equalTo("Active"));
        given().get(releases(namespace) + "/canary/history").then()
                .body("items.action", contains("Created", "PhaseChanged", "PhaseChanged", "ConditionChanged"))
                .body("items.newPhase", contains("Pending", "Failed", "Active", "Active"));
    }

    @Test
    void ignoresReportsOnOlderGenerationsButRecordsTheNewestApplied() {
        create(namespace, tutorialCanary("canary", "reviews")).statusCode(201);
        given().contentType(ContentType.JSON).body("{\"weights\": {\"v1\": 50, \"v2\": 50}}")
                .put(releases(namespace) + "/canary/traffic").then().statusCode(202);
        given().contentType(ContentType.JSON).body("{\"weights\": {\"v1\": 20, \"v2\": 80}}")
                .put(releases(namespace) + "/canary/traffic").then().statusCode(202);

        // Reordered: generation 2 is applied, then a late failure of generation 1 arrives.
        trafficService.applied(namespace, "canary", "reviews", 2);
        trafficService.failed(namespace, "canary", "reviews", 1);
        trafficService.progressing(namespace, "canary", "reviews", 3);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get(releases(namespace) + "/canary")
                .then().body("phase", equalTo("Progressing")).body("observedGeneration", equalTo(2)));

        trafficService.applied(namespace, "canary", "reviews", 3);
        trafficService.applied(namespace, "canary", "reviews", 2);
        awaitPhase("Active");
        trafficService.progressing(namespace, "canary", "reviews", 2);
        trafficService.send("reviews", trafficService.failed(namespace, "canary", "reviews", 2));
        await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                given().get(releases(namespace) + "/canary").then()
                        .body("phase", equalTo("Active")).body("observedGeneration", equalTo(3)));
    }

    @Test
    void keepsTheConditionsTrafficServiceReportsAndRecordsEachChangeOnce() {
        create(namespace, tutorialCanary("canary", "reviews")).statusCode(201);
        trafficService.applied(namespace, "canary", "reviews", 1);
        trafficService.condition(namespace, "canary", "reviews", 1, "Contested", "True", "ChangedByAnotherWriter");
        trafficService.condition(namespace, "canary", "reviews", 1, "Contested", "True", "ChangedByAnotherWriter");
        // A replayed report that generation 1 is still in progress: the phase never moves back within a generation.
        trafficService.progressing(namespace, "canary", "reviews", 1);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get(releases(namespace) + "/canary")
                .then().body("phase", equalTo("Active"))
                .body("conditions.find { it.type == 'Contested' }.status", equalTo("True"))
                .body("conditions.find { it.type == 'Contested' }.message", containsString("argocd")));
        given().get(releases(namespace) + "/canary/history").then()
                .body("items.findAll { it.action == 'ConditionChanged' }.detail",
                        contains(containsString("Contested=True (ChangedByAnotherWriter)")));
    }

    @Test
    void sendsWhatItCannotReadToTheDeadLetterTopicAndGoesOn() {
        create(namespace, tutorialCanary("canary", "reviews")).statusCode(201);
        String key = Topics.recordKey(namespace, "reviews");
        String unknownType = """
                {"specversion":"1.0","id":"%s-u","source":"/graylane/traffic-service","type":"io.graylane.traffic.exploded.v1",
                 "subject":"%s/canary","data":{"namespace":"%s","name":"canary","generation":1}}
                """.formatted(namespace, namespace, namespace);
        String missingGeneration = """
                {"specversion":"1.0","id":"%s-g","source":"/graylane/traffic-service","type":"%s","data":{"namespace":"%s","name":"canary"}}
                """.formatted(namespace, EventTypes.TRAFFIC_APPLIED, namespace);
        String unknownRelease = """
                {"specversion":"1.0","id":"%s-r","source":"/graylane/traffic-service","type":"%s",
                 "data":{"namespace":"%s","name":"ghost","generation":1}}
                """.formatted(namespace, EventTypes.TRAFFIC_APPLIED, namespace);
        String foreignSource = """
                {"specversion":"1.0","id":"%s-s","source":"/someone/else","type":"%s",
                 "data":{"namespace":"%s","name":"canary","generation":1}}
                """.formatted(namespace, EventTypes.TRAFFIC_FAILED, namespace);
        List<String> poison = List.of(namespace + " is not JSON", unknownType, missingGeneration, unknownRelease,
                foreignSource);
        poison.forEach(value -> trafficService.sendRaw(key, value));
        trafficService.applied(namespace, "canary", "reviews", 1);

        awaitPhase("Active");
        try (TopicReader deadLetters = new TopicReader(SharedKafka.broker().bootstrapServers(),
                Topics.TRAFFIC_DEAD_LETTER)) {
            List<ConsumerRecord<String, String>> dead = deadLetters.await(r -> key.equals(r.key()), 5,
                    Duration.ofSeconds(20));
            assertThat(dead).extracting(ConsumerRecord::value).containsExactlyElementsOf(poison);
            assertThat(reason(dead.get(1))).contains("unknown event type 'io.graylane.traffic.exploded.v1'");
            assertThat(reason(dead.get(2))).contains("generation");
            assertThat(reason(dead.get(3))).contains("no release 'ghost'");
            assertThat(reason(dead.get(4))).contains("source '/someone/else' does not produce graylane.traffic");
        }
    }

    private static String reason(ConsumerRecord<String, String> record) {
        return new String(record.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8);
    }

    private void awaitPhase(String phase) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get(releases(namespace) + "/canary")
                .then().body("phase", equalTo(phase)));
    }
}
