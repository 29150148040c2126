package io.graylane.release.api;

import static io.graylane.release.Fixtures.action;
import static io.graylane.release.Fixtures.create;
import static io.graylane.release.Fixtures.freshNamespace;
import static io.graylane.release.Fixtures.releases;
import static io.graylane.release.Fixtures.tutorialCanary;
import static io.graylane.infra.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.graylane.infra.IssuerResource;
import com.fasterxml.jackson.databind.JsonNode;
import io.graylane.events.EventCodec;
import io.graylane.events.EventTypes;
import io.graylane.events.Topics;
import io.graylane.infra.KafkaResource;
import io.graylane.infra.SharedKafka;
import io.graylane.infra.TopicReader;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import io.graylane.release.events.ReleasesTopic;
import org.apache.kafka.common.config.ConfigResource;
import io.graylane.infra.PostgresResource;
import io.graylane.release.TrafficServiceStandIn;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(IssuerResource.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
class ReleaseApiTest {

    private final String namespace = freshNamespace();
    private final TrafficServiceStandIn trafficService = new TrafficServiceStandIn();
    private final EventCodec codec = new EventCodec();

    @AfterEach
    void close() {
        trafficService.close();
    }

    @Test
    void createsTheTutorialsCanaryRelease() {
        create(namespace, tutorialCanary("canary-release", "reviews"))
                .statusCode(201)
                .header("Location", endsWith(releases(namespace) + "/canary-release"))
                .header("ETag", "\"1\"")
                .body("namespace", equalTo(namespace))
                .body("name", equalTo("canary-release"))
                .body("strategy", equalTo("CANARY"))
                .body("service", equalTo("reviews"))
                .body("baseline.version", equalTo("v1"))
                .body("candidate.image", equalTo("kubesphere/examples-bookinfo-reviews-v2:1.13.0"))
                .body("candidate.replicas", equalTo(1))
                .body("traffic.weights.v2", equalTo(30))
                .body("phase", equalTo("Pending"))
                .body("governor", nullValue())
                .body("generation", equalTo(1))
                .body("observedGeneration", equalTo(0))
                .body("conditions[0].type", equalTo("Ready"))
                .body("conditions[0].status", equalTo("False"))
                .body("conditions[0].lastTransitionTime", notNullValue())
                .body("createdAt", notNullValue())
                .body("updatedAt", notNullValue());

        given().get(releases(namespace) + "/canary-release").then()
                .statusCode(200)
                .header("ETag", "\"1\"")
                .body("traffic.weights.v1", equalTo(70));
    }

    @Test
    void listsReleasesFilteredByServiceAndPhase() {
        create(namespace, tutorialCanary("reviews-canary", "reviews")).statusCode(201);
        create(namespace, tutorialCanary("ratings-canary", "ratings")).statusCode(201);
        trafficService.applied(namespace, "ratings-canary", "ratings", 1);
        awaitPhase("ratings-canary", "Active");

        given().get(releases(namespace)).then().statusCode(200)
                .body("items.name", contains("reviews-canary", "ratings-canary"));
        given().queryParam("service", "reviews").get(releases(namespace)).then()
                .body("items.name", contains("reviews-canary"));
        given().queryParam("phase", "Active").get(releases(namespace)).then()
                .body("items.name", contains("ratings-canary"));
        given().queryParam("phase", "Active").queryParam("service", "reviews").get(releases(namespace)).then()
                .body("items", empty());
        given().get(releases(freshNamespace())).then().statusCode(200).body("items", empty());
    }

    @Test
    void walksTheTutorialFromSplitToTakeOverToOffline() {
        create(namespace, tutorialCanary("canary-release", "reviews")).statusCode(201);
        trafficService.progressing(namespace, "canary-release", "reviews", 1);
        awaitPhase("canary-release", "Progressing");
        trafficService.applied(namespace, "canary-release", "reviews", 1);
        awaitPhase("canary-release", "Active");

        given().contentType(ContentType.JSON).body("{\"version\": \"v2\"}")
                .post(releases(namespace) + "/canary-release/takeover").then()
                .statusCode(202).header("ETag", "\"2\"")
                .body("phase", equalTo("Pending")).body("governor", equalTo("v2")).body("generation", equalTo(2));
        trafficService.applied(namespace, "canary-release", "reviews", 2);
        awaitPhase("canary-release", "TakenOver");

        action(namespace, "canary-release", "offline").statusCode(202)
                .body("generation", equalTo(3)).body("governor", equalTo("v2"));
        trafficService.applied(namespace, "canary-release", "reviews", 3);
        awaitPhase("canary-release", "Completed");

        given().get(releases(namespace) + "/canary-release").then()
                .body("observedGeneration", equalTo(3))
                .body("conditions[0].status", equalTo("True"));
        given().get(releases(namespace) + "/canary-release/history").then().statusCode(200)
                .body("items.action", contains("Created", "PhaseChanged", "PhaseChanged", "TakeoverRequested",
                        "PhaseChanged", "OfflineRequested", "PhaseChanged"))
                .body("items.previousPhase", contains(null, "Pending", "Progressing", "Active", "Pending",
                        "TakenOver", "Pending"))
                .body("items.newPhase", contains("Pending", "Progressing", "Active", "Pending", "TakenOver",
                        "Pending", "Completed"))
                .body("items.generation", contains(1, 1, 1, 2, 2, 3, 3))
                .body("items.actor", contains("test-admin", "traffic-service", "traffic-service", "test-admin",
                        "traffic-service", "test-admin", "traffic-service"))
                .body("items[0].detail", equalTo("CANARY: weights v1=70, v2=30"))
                .body("items[3].detail", equalTo("v2 takes all traffic"))
                .body("items[5].detail", equalTo("v1 removed; v2 keeps all traffic"))
                .body("items[6].time", notNullValue());
    }

    @Test
    void resumesAtANewGenerationWithTheSameDesiredStateAndAnnouncesIt() {
        create(namespace, """
                {"name": "canary", "strategy": "CANARY", "service": "reviews", "baseline": {"version": "v1"},
                 "candidate": {"version": "v3", "image": "istio/examples-bookinfo-reviews-v3:1.20.1", "adopt": true},
                 "removeBaseline": true, "traffic": {"weights": {"v1": 80, "v3": 20}}}""").statusCode(201)
                .body("removeBaseline", equalTo(true)).body("candidate.adopt", equalTo(true));
        trafficService.applied(namespace, "canary", "reviews", 1);
        awaitPhase("canary", "Active");

        action(namespace, "canary", "resume").statusCode(202).header("ETag", "\"2\"")
                .body("generation", equalTo(2)).body("phase", equalTo("Pending"));

        try (TopicReader reader = new TopicReader(SharedKafka.broker().bootstrapServers(), Topics.RELEASES)) {
            JsonNode resumed = reader.await(r -> r.value().contains(EventTypes.RELEASE_RESUME_REQUESTED)
                    && r.value().contains(namespace), 1, Duration.ofSeconds(20)).stream()
                    .map(r -> codec.read(r.value()).data()).findFirst().orElseThrow();
            assertThat(resumed.path("generation").asLong()).isEqualTo(2);
            assertThat(resumed.path("intent").asText()).isEqualTo("SPLIT");
            assertThat(resumed.path("removeBaseline").asBoolean()).isTrue();
            assertThat(resumed.at("/candidate/adopt").asBoolean()).isTrue();
            JsonNode phase = reader.await(r -> r.value().contains(EventTypes.RELEASE_PHASE_CHANGED)
                    && r.value().contains(namespace), 1, Duration.ofSeconds(20)).stream()
                    .map(r -> codec.read(r.value()).data()).findFirst().orElseThrow();
            assertThat(phase.at("/release/name").asText()).as("phase-changed carries the desired state")
                    .isEqualTo("canary");
            assertThat(phase.at("/release/traffic/weights/v3").asInt()).isEqualTo(20);
        }
    }

    @Test
    void makesTheReleasesTopicCompacted() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                SharedKafka.broker().bootstrapServers()))) {
            ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, Topics.RELEASES);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(policy(admin, topic))
                    .isEqualTo("compact"));

            // Created otherwise, e.g. by a consumer's auto-creation before release-service started: made compact.
            admin.incrementalAlterConfigs(Map.of(topic, List.of(new AlterConfigOp(new ConfigEntry("cleanup.policy",
                    "delete"), AlterConfigOp.OpType.SET)))).all().get();
            assertThat(policy(admin, topic)).isEqualTo("delete");
            ReleasesTopic.ensureCompacted(admin);
            assertThat(policy(admin, topic)).isEqualTo("compact");
        }
    }

    private static String policy(Admin admin, ConfigResource topic) throws Exception {
        return admin.describeConfigs(List.of(topic)).all().get().get(topic).get("cleanup.policy").value();
    }

    @Test
    void changesTheTrafficAndCountsGenerations() {
        create(namespace, tutorialCanary("canary", "reviews")).statusCode(201);

        given().contentType(ContentType.JSON).body("{\"weights\": {\"v1\": 50, \"v2\": 50}}")
                .put(releases(namespace) + "/canary/traffic").then()
                .statusCode(202).header("ETag", "\"2\"")
                .body("traffic.weights.v2", equalTo(50)).body("generation", equalTo(2));
        given().contentType(ContentType.JSON)
                .body("{\"matches\": [{\"headers\": {\"end-user\": {\"exact\": \"jason\"}}}],"
                        + " \"weights\": {\"v1\": 90, \"v2\": 10}}")
                .put(releases(namespace) + "/canary/traffic").then()
                .statusCode(202).body("generation", equalTo(3))
                .body("traffic.matches[0].headers.end-user.exact", equalTo("jason"));

        given().get(releases(namespace) + "/canary/history").then()
                .body("items.action", contains("Created", "TrafficChanged", "TrafficChanged"))
                .body("items[1].detail", equalTo("weights v1=50, v2=50"))
                .body("items[2].detail", equalTo("weights v1=90, v2=10; 1 match block"));
    }

    @Test
    void honoursIfMatch() {
        create(namespace, tutorialCanary("canary", "reviews")).statusCode(201);
        String traffic = "{\"weights\": {\"v1\": 40, \"v2\": 60}}";

        given().contentType(ContentType.JSON).header("If-Match", "\"1\"").body(traffic)
                .put(releases(namespace) + "/canary/traffic").then().statusCode(202).header("ETag", "\"2\"");
        given().contentType(ContentType.JSON).header("If-Match", "\"1\"").body(traffic)
                .put(releases(namespace) + "/canary/traffic").then()
                .statusCode(412)
                .contentType("application/problem+json")
                .body("type", equalTo("https://graylane.io/problems/stale-generation"))
                .body("detail", containsString("generation 2"))
                .body("generation", equalTo(2));
        // If-Match compares strongly (RFC 9110 13.1.1): a weak tag never matches, even the current generation's.
        given().header("If-Match", "W/\"2\"").post(releases(namespace) + "/canary/rollback").then().statusCode(412)
                .body("type", equalTo("https://graylane.io/problems/stale-generation"))
                .body("detail", containsString("weak"));
        given().header("If-Match", "\"2\"").post(releases(namespace) + "/canary/rollback").then().statusCode(202);
        given().header("If-Match", "two").post(releases(namespace) + "/canary/rollback").then()
                .statusCode(400).body("errors[0].field", equalTo("If-Match"));
    }

    @Test
    void rollsBackFromFailedAndThenRefusesEverything() {
        create(namespace, tutorialCanary("canary", "reviews")).statusCode(201);
        trafficService.failed(namespace, "canary", "reviews", 1);
        awaitPhase("canary", "Failed");
        given().get(releases(namespace) + "/canary").then()
                .body("conditions[0].reason", equalTo("BaselineNotFound"))
                .body("conditions[0].message", containsString("app=reviews,version=v1"));

        action(namespace, "canary", "rollback").statusCode(202).body("governor", equalTo("v1"));
        trafficService.applied(namespace, "canary", "reviews", 2);
        awaitPhase("canary", "RolledBack");

        for (String refused : new String[] {"rollback", "offline"}) {
            action(namespace, "canary", refused).statusCode(409)
                    .contentType("application/problem+json")
                    .body("type", equalTo("https://graylane.io/problems/transition-not-allowed"))
                    .body("phase", equalTo("RolledBack"))
                    .body("detail", containsString("RolledBack"));
        }
        given().contentType(ContentType.JSON).body("{\"version\": \"v2\"}")
                .post(releases(namespace) + "/canary/takeover").then().statusCode(409).body("phase", equalTo("RolledBack"));
        given().contentType(ContentType.JSON).body("{\"weights\": {\"v1\": 50, \"v2\": 50}}")
                .put(releases(namespace) + "/canary/traffic").then().statusCode(409);
    }

    @Test
    void refusesTransitionsThePhaseDoesNotAllow() {
        create(namespace, tutorialCanary("canary", "reviews")).statusCode(201);

        given().contentType(ContentType.JSON).body("{\"version\": \"v2\"}")
                .post(releases(namespace) + "/canary/takeover").then()
                .statusCode(409).body("phase", equalTo("Pending"))
                .body("detail", containsString("take over needs the traffic split to be applied first"));
        action(namespace, "canary", "offline").statusCode(409)
                .body("detail", containsString("take over first"));

        trafficService.applied(namespace, "canary", "reviews", 1);
        awaitPhase("canary", "Active");
        given().contentType(ContentType.JSON).body("{\"version\": \"v2\"}")
                .post(releases(namespace) + "/canary/takeover").then().statusCode(202);
        action(namespace, "canary", "offline").statusCode(409)
                .body("detail", containsString("to be applied first")).body("phase", equalTo("Pending"));
        given().contentType(ContentType.JSON).body("{\"version\": \"v3\"}")
                .post(releases(namespace) + "/canary/takeover").then()
                .statusCode(400).body("errors[0].field", equalTo("version"));
    }

    @Test
    void answersUnknownReleasesWith404() {
        given().get(releases(namespace) + "/nope").then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("https://graylane.io/problems/release-not-found"))
                .body("status", equalTo(404))
                .body("detail", equalTo("no release 'nope' in namespace '" + namespace + "'"))
                .body("instance", equalTo(releases(namespace) + "/nope"));
        for (String path : new String[] {"rollback", "offline"}) {
            action(namespace, "nope", path).statusCode(404);
        }
        given().get(releases(namespace) + "/nope/history").then().statusCode(404);
        given().contentType(ContentType.JSON).body("{\"weights\": {\"v1\": 50, \"v2\": 50}}")
                .put(releases(namespace) + "/nope/traffic").then().statusCode(404);
    }

    @Test
    void refusesASecondReleaseOfTheSameServiceUntilTheFirstEnds() {
        create(namespace, tutorialCanary("first", "reviews")).statusCode(201);

        create(namespace, tutorialCanary("second", "reviews")).statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("https://graylane.io/problems/release-in-progress"))
                .body("releaseInProgress", equalTo("first"))
                .body("detail", containsString("'first'"));
        create(namespace, tutorialCanary("first", "ratings")).statusCode(409)
                .body("type", equalTo("https://graylane.io/problems/release-exists"));

        action(namespace, "first", "rollback").statusCode(202);
        trafficService.applied(namespace, "first", "reviews", 2);
        awaitPhase("first", "RolledBack");
        create(namespace, tutorialCanary("second", "reviews")).statusCode(201);
    }

    @Test
    void servesHealthOpenApiAndMetrics() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/openapi").then().statusCode(200).body(containsString("/api/v1/namespaces/{namespace}/releases"));
        given().get("/q/metrics").then().statusCode(200).body(containsString("graylane_outbox_published"));
    }

    private void awaitPhase(String name, String phase) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().get(releases(namespace) + "/" + name).then().body("phase", equalTo(phase)));
    }

}
