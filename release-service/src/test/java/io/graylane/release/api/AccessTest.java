package io.graylane.release.api;

import static io.graylane.release.Fixtures.releases;
import static io.graylane.release.Fixtures.tutorialCanary;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import io.graylane.events.CloudEvent;
import io.graylane.events.EventCodec;
import io.graylane.events.EventTypes;
import io.graylane.events.Topics;
import io.graylane.events.access.Role;
import io.graylane.infra.AccessMatrix;
import io.graylane.infra.IssuerResource;
import io.graylane.infra.KafkaResource;
import io.graylane.infra.PostgresResource;
import io.graylane.infra.SharedIssuer;
import io.graylane.infra.SharedKafka;
import io.graylane.infra.TopicReader;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Who may call release-service, and the actor of each change: the subject of the token that made it. */
@QuarkusTest
@WithTestResource(IssuerResource.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
class AccessTest {

    private final EventCodec codec = new EventCodec();

    @Test
    void everyEndpointOfTheOpenApiDocumentRefusesWhoMayNotCallIt() {
        int calls = AccessMatrix.check(AccessMatrix.operations(path -> false));
        assertThat(calls).as("13 operations x 7 callers").isGreaterThanOrEqualTo(13 * 7);
    }

    @Test
    void aRequestWithoutTokenGetsA401ProblemSayingHowToGetOne() {
        RestAssured.given().get(releases("demo-project")).then().statusCode(401)
                .header("WWW-Authenticate", "Bearer")
                .contentType("application/problem+json")
                .body("type", equalTo("https://graylane.io/problems/unauthenticated"))
                .body("detail", containsString("./graylane token"));
    }

    @Test
    void aViewerReadsButCannotChangeAndOthersCannotTellWhetherAReleaseExists() {
        String viewer = SharedIssuer.token("vera", Role.VIEWER, "demo-view");
        String operator = SharedIssuer.token("otto", Role.OPERATOR, "demo-view");
        RestAssured.given().auth().oauth2(operator).contentType(ContentType.JSON)
                .body(tutorialCanary("canary", "reviews")).post(releases("demo-view")).then().statusCode(201);

        RestAssured.given().auth().oauth2(viewer).get(releases("demo-view") + "/canary").then().statusCode(200);
        RestAssured.given().auth().oauth2(viewer).post(releases("demo-view") + "/canary/rollback").then()
                .statusCode(403).contentType("application/problem+json")
                .body("type", equalTo("https://graylane.io/problems/forbidden"))
                .body("detail", containsString("operator"));

        String outsider = SharedIssuer.token("mallory", Role.OPERATOR, "team-b");
        String existing = RestAssured.given().auth().oauth2(outsider).get(releases("demo-view") + "/canary").then()
                .statusCode(403).extract().path("detail");
        String missing = RestAssured.given().auth().oauth2(outsider).get(releases("demo-view") + "/nothing").then()
                .statusCode(403).extract().path("detail");
        assertThat(existing).isEqualTo(missing);
    }

    @Test
    void theActorOfAChangeIsTheTokensSubjectInTheHistoryAndTheEvents() {
        String token = SharedIssuer.token("alice@example.org", Role.OPERATOR, "demo-actor");
        RestAssured.given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(tutorialCanary("canary", "reviews")).post(releases("demo-actor")).then().statusCode(201);
        RestAssured.given().auth().oauth2(token).post(releases("demo-actor") + "/canary/rollback").then()
                .statusCode(202);

        RestAssured.given().auth().oauth2(token).get(releases("demo-actor") + "/canary/history").then()
                .statusCode(200)
                .body("items[0].actor", equalTo("alice@example.org"))
                .body("items[1].action", equalTo("RollbackRequested"))
                .body("items[1].actor", equalTo("alice@example.org"));
        try (TopicReader reader = new TopicReader(SharedKafka.broker().bootstrapServers(), Topics.RELEASES)) {
            CloudEvent rollback = reader.await(r -> r.value().contains(EventTypes.RELEASE_ROLLBACK_REQUESTED)
                    && r.value().contains("demo-actor"), 1, Duration.ofSeconds(20)).stream()
                    .map(r -> codec.read(r.value())).findFirst().orElseThrow();
            assertThat(rollback.authtype()).isEqualTo("user");
            assertThat(rollback.authid()).isEqualTo("alice@example.org");
            JsonNode data = rollback.data();
            assertThat(data.path("name").asText()).isEqualTo("canary");
        }
    }
}
