package io.graylane.release.events;

import static io.graylane.release.Fixtures.action;
import static io.graylane.release.Fixtures.create;
import static io.graylane.release.Fixtures.freshNamespace;
import static io.graylane.release.Fixtures.releases;
import static io.graylane.release.Fixtures.tutorialCanary;
import static io.graylane.infra.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.graylane.infra.IssuerResource;
import com.fasterxml.jackson.databind.JsonNode;
import io.graylane.events.CloudEvent;
import io.graylane.events.EventCodec;
import io.graylane.events.EventTypes;
import io.graylane.events.Topics;
import io.graylane.infra.KafkaBroker;
import io.graylane.infra.KafkaResource;
import io.graylane.infra.PostgresResource;
import io.graylane.infra.SharedKafka;
import io.graylane.infra.TopicReader;
import io.graylane.release.TrafficServiceStandIn;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** What reaches graylane.releases, read back by an independent consumer. */
@QuarkusTest
@WithTestResource(IssuerResource.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
class OutboxTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final String namespace = freshNamespace();
    private final EventCodec codec = new EventCodec();

    @Inject
    Outbox outbox;

    @Test
    void publishesEveryChangeAsAStructuredCloudEventKeyedByService() {
        create(namespace, tutorialCanary("canary-release", "reviews")).statusCode(201);
        try (TrafficServiceStandIn trafficService = new TrafficServiceStandIn()) {
            trafficService.applied(namespace, "canary-release", "reviews", 1);
        }
        awaitReleaseEvents(2);
        given().contentType(ContentType.JSON).body("{\"version\": \"v2\"}")
                .post(releases(namespace) + "/canary-release/takeover").then().statusCode(202);

        List<ConsumerRecord<String, String>> records = awaitReleaseEvents(4);

        assertThat(records).extracting(r -> codec.read(r.value()).type()).containsExactly(
                EventTypes.RELEASE_CREATED, EventTypes.RELEASE_PHASE_CHANGED,
                EventTypes.RELEASE_TAKEOVER_REQUESTED, EventTypes.RELEASE_PHASE_CHANGED);
        ConsumerRecord<String, String> first = records.get(0);
        assertThat(new String(first.headers().lastHeader("content-type").value(), StandardCharsets.UTF_8))
                .isEqualTo("application/cloudevents+json; charset=UTF-8");
        CloudEvent created = codec.read(first.value());
        assertThat(created.specversion()).isEqualTo("1.0");
        assertThat(created.source()).isEqualTo("/graylane/release-service");
        assertThat(created.subject()).isEqualTo(namespace + "/canary-release");
        assertThat(created.time()).isNotNull();
        assertThat(created.datacontenttype()).isEqualTo("application/json");
        JsonNode data = created.data();
        assertThat(data.path("strategy").asText()).isEqualTo("CANARY");
        assertThat(data.path("candidate").path("image").asText()).isEqualTo("kubesphere/examples-bookinfo-reviews-v2:1.13.0");
        assertThat(data.path("traffic").path("weights").path("v2").asInt()).isEqualTo(30);
        assertThat(data.path("intent").asText()).isEqualTo("SPLIT");
        assertThat(data.path("generation").asLong()).isEqualTo(1);
        JsonNode active = codec.read(records.get(1).value()).data();
        assertThat(active.path("from").asText()).isEqualTo("Pending");
        assertThat(active.path("to").asText()).isEqualTo("Active");
        assertThat(active.path("reason").asText()).isEqualTo("TrafficApplied");
        JsonNode takeover = codec.read(records.get(2).value()).data();
        assertThat(takeover.path("intent").asText()).isEqualTo("TAKEOVER");
        assertThat(takeover.path("governor").asText()).isEqualTo("v2");
        assertThat(takeover.path("generation").asLong()).isEqualTo(2);
        assertThat(takeover.path("traffic").path("weights").path("v1").asInt()).isEqualTo(70);
    }

    @Test
    void publishesNothingForATransactionThatRolledBack() {
        CloudEvent rolledBack = codec.create("/test", EventTypes.RELEASE_CREATED, namespace + "/ghost", "{}");
        CloudEvent committed = codec.create("/test", EventTypes.RELEASE_CREATED, namespace + "/real", "{}");
        String key = Topics.recordKey(namespace, "outbox-test");

        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            outbox.add(Topics.RELEASES, key, rolledBack);
            throw new IllegalStateException("the state change failed");
        })).hasMessageContaining("state change failed");
        QuarkusTransaction.requiringNew().run(() -> outbox.add(Topics.RELEASES, key, committed));

        try (TopicReader reader = new TopicReader(SharedKafka.broker().bootstrapServers(), Topics.RELEASES)) {
            reader.await(r -> key.equals(r.key()), 1, PATIENCE);
            assertThat(reader.settle(r -> key.equals(r.key()), Duration.ofSeconds(2)))
                    .extracting(r -> codec.read(r.value()).id())
                    .containsExactly(committed.id());
        }
    }

    @Test
    void deliversWhatWasCommittedWhileKafkaWasDownOnceAndInOrder() {
        KafkaBroker broker = SharedKafka.broker();
        broker.stop();
        try {
            create(namespace, tutorialCanary("reviews-canary", "reviews")).statusCode(201);
            create(namespace, tutorialCanary("ratings-canary", "ratings")).statusCode(201);
            given().contentType(ContentType.JSON).body("{\"weights\": {\"v1\": 50, \"v2\": 50}}")
                    .put(releases(namespace) + "/reviews-canary/traffic").then().statusCode(202);
            action(namespace, "reviews-canary", "rollback").statusCode(202);
        } finally {
            broker.start();
        }

        try (TopicReader reader = new TopicReader(broker.bootstrapServers(), Topics.RELEASES)) {
            Predicate<ConsumerRecord<String, String>> ours = r -> r.key() != null && r.key().startsWith(namespace + "/");
            reader.await(ours, 4, PATIENCE);
            List<ConsumerRecord<String, String>> delivered = reader.settle(ours, Duration.ofSeconds(3));

            assertThat(delivered).hasSize(4);
            assertThat(delivered).extracting(r -> codec.read(r.value()).id()).doesNotHaveDuplicates();
            assertThat(delivered.stream().filter(r -> r.key().endsWith("/reviews")).map(this::describe))
                    .containsExactly("io.graylane.release.created.v1@1",
                            "io.graylane.release.traffic-changed.v1@2",
                            "io.graylane.release.rollback-requested.v1@3");
            assertThat(delivered.stream().filter(r -> r.key().endsWith("/ratings")).map(this::describe))
                    .containsExactly("io.graylane.release.created.v1@1");
        }
    }

    @Test
    void parksAnEventKafkaRefusesForGoodAndGoesOnWithTheNext() {
        String tooLarge = "x".repeat(2 * 1024 * 1024);
        CloudEvent huge = codec.create("/test", EventTypes.RELEASE_CREATED, namespace + "/huge", tooLarge);
        String hugeKey = Topics.recordKey(namespace, "huge");
        double parkedBefore = parkedTotal();
        QuarkusTransaction.requiringNew().run(() -> outbox.add(Topics.RELEASES, hugeKey, huge));
        create(namespace, tutorialCanary("after", "ratings")).statusCode(201);

        try (TopicReader reader = new TopicReader(SharedKafka.broker().bootstrapServers(), Topics.RELEASES)) {
            reader.await(r -> Topics.recordKey(namespace, "ratings").equals(r.key()), 1, PATIENCE);
        }
        try (TopicReader dead = new TopicReader(SharedKafka.broker().bootstrapServers(), OutboxRelay.DEAD_LETTER_TOPIC)) {
            String announcement = dead.await(r -> r.value().contains(huge.id()), 1, PATIENCE).get(0).value();
            assertThat(announcement).contains("RecordTooLargeException").contains("outbox_parked");
        }
        ParkedEvent parked = QuarkusTransaction.requiringNew().call(() -> ParkedEvent.<ParkedEvent>find("eventId",
                huge.id()).firstResult());
        assertThat(parked).isNotNull();
        assertThat(parked.reason).contains("RecordTooLargeException");
        assertThat(parked.payload).hasSizeGreaterThan(2 * 1024 * 1024);
        assertThat(parkedTotal() - parkedBefore).isEqualTo(1.0);
    }

    private static double parkedTotal() {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("graylane_outbox_parked_total(?:\\{[^}]*})? ([0-9.E]+)")
                .matcher(metrics);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }

    private String describe(ConsumerRecord<String, String> record) {
        CloudEvent event = codec.read(record.value());
        return event.type() + "@" + event.data().path("generation").asLong();
    }

    private List<ConsumerRecord<String, String>> awaitReleaseEvents(int count) {
        String key = Topics.recordKey(namespace, "reviews");
        try (TopicReader reader = new TopicReader(SharedKafka.broker().bootstrapServers(), Topics.RELEASES)) {
            return reader.await(r -> key.equals(r.key()), count, PATIENCE);
        }
    }
}
