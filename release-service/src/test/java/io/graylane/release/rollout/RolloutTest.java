package io.graylane.release.rollout;

import static io.graylane.release.Fixtures.action;
import static io.graylane.release.Fixtures.create;
import static io.graylane.release.Fixtures.freshNamespace;
import static io.graylane.release.Fixtures.releases;
import static io.graylane.infra.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.graylane.infra.IssuerResource;
import com.sun.net.httpserver.HttpServer;
import io.graylane.events.analysis.CheckVerdict;
import io.graylane.infra.KafkaResource;
import io.graylane.infra.PostgresResource;
import io.graylane.release.JudgeStandIn;
import io.graylane.release.TrafficServiceStandIn;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The rollout driver against the contract: traffic-service's reports and the judge's verdicts published by real
 * producers, the steps' timers in PostgreSQL. Steps are 5 s at least, 10 s at most.
 */
@QuarkusTest
@WithTestResource(IssuerResource.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
class RolloutTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final String namespace = freshNamespace();
    private final TrafficServiceStandIn trafficService = new TrafficServiceStandIn();
    private final JudgeStandIn judge = new JudgeStandIn();

    @AfterEach
    void close() {
        trafficService.close();
        judge.close();
    }

    @Test
    void aCandidatePassingEveryStepIsPromotedAndTheReleaseCompletes() {
        create(namespace, rollout("AUTO", "")).statusCode(201)
                .body("traffic.weights.v2", equalTo(10))
                .body("rolloutStatus.step", equalTo(1)).body("rolloutStatus.steps", equalTo(2))
                .body("rolloutStatus.state", equalTo("Analysing"));
        applied(1, 90, 10);
        awaitDecision("start");
        judge.verdict(namespace, "canary", 1, CheckVerdict.Outcome.PASS);
        awaitGeneration(2);
        release().body("traffic.weights.v2", equalTo(50)).body("rolloutStatus.step", equalTo(2));
        applied(2, 50, 50);
        awaitDecisions(List.of("start", "advance", "start"));
        judge.verdict(namespace, "canary", 2, CheckVerdict.Outcome.PASS);
        awaitGeneration(3);
        release().body("governor", equalTo("v2")).body("rolloutStatus.state", equalTo("Promoting"));
        applied(3, 0, 100);
        awaitGeneration(4);
        applied(4, 0, 100);
        await().atMost(WAIT).untilAsserted(() -> release().body("phase", equalTo("Completed"))
                .body("rolloutStatus.state", equalTo("Done")));
        decisions().body("items.action", equalTo(List.of("start", "advance", "start", "promote", "offline",
                "complete")))
                .body("items[1].actor", equalTo("judge"))
                .body("items[1].verdicts.check", equalTo(List.of("split", "errors")))
                .body("items[1].weights.v2", equalTo(10))
                .body("items[1].step", equalTo(1));
    }

    @Test
    void aFailingVerdictRollsBackAtOnceNamingTheCheck() {
        create(namespace, rollout("AUTO", "")).statusCode(201);
        applied(1, 90, 10);
        awaitDecision("start");
        judge.verdict(namespace, "canary", 1, CheckVerdict.Outcome.FAIL);
        awaitGeneration(2);
        release().body("rolloutStatus.state", equalTo("Aborted")).body("governor", equalTo("v1"))
                .body("rolloutStatus.reason", containsString("errors"));
        decisions().body("items[-1].action", equalTo("rollback")).body("items[-1].actor", equalTo("judge"))
                .body("items[-1].verdicts.find { it.check == 'errors' }.outcome", equalTo("FAIL"))
                .body("items[-1].verdicts.find { it.check == 'errors' }.evidence.candidateErrors", equalTo(12))
                .body("items[-1].verdicts.find { it.check == 'errors' }.failingTraces[0]",
                        equalTo("0af7651916cd43dd8448eb211c80319c"));
    }

    @Test
    void withoutEvidenceAStepIsExtendedThenPausedNeverFailedAndAPersonMovesItOn() {
        create(namespace, rollout("AUTO", "")).statusCode(201);
        applied(1, 90, 10);
        awaitDecision("start");
        judge.verdict(namespace, "canary", 1, CheckVerdict.Outcome.NEED_MORE_DATA);
        await().atMost(WAIT).untilAsserted(() -> release().body("rolloutStatus.state", equalTo("Paused")));
        release().body("phase", equalTo("Active")).body("generation", equalTo(1))
                .body("rolloutStatus.reason", containsString("NEED_MORE_DATA"))
                .body("rolloutStatus.reason", containsString("errors"));
        decisions().body("items.action", equalTo(List.of("start", "extend", "pause")));

        action(namespace, "canary", "resume").statusCode(202).body("generation", equalTo(2))
                .body("rolloutStatus.state", equalTo("Analysing")).body("rolloutStatus.step", equalTo(1));
        action(namespace, "canary", "pause").statusCode(202).body("rolloutStatus.state", equalTo("Paused"));
        action(namespace, "canary", "pause").statusCode(409);
        action(namespace, "canary", "approve").statusCode(202).body("generation", equalTo(3))
                .body("traffic.weights.v2", equalTo(50));
        decisions().body("items[-1].action", equalTo("advance")).body("items[-1].actor", equalTo("test-admin"))
                .body("items[-1].reason", containsString("rest of step 1 skipped"));
    }

    @Test
    void whileTheRolloutMovesTheTrafficItsOwnChangesAreRefused() {
        create(namespace, rollout("MANUAL", "")).statusCode(201);
        given().contentType(ContentType.JSON).body("{\"weights\": {\"v1\": 0, \"v2\": 100}}")
                .put(releases(namespace) + "/canary/traffic").then().statusCode(409)
                .body("detail", containsString("under a rollout"));
        given().contentType(ContentType.JSON).body("{\"version\": \"v2\"}")
                .post(releases(namespace) + "/canary/takeover").then().statusCode(409)
                .body("detail", containsString("approve"));
        create(namespace, rollout("AUTO", "").replace("\"name\": \"canary\"", "\"name\": \"other\"")
                .replace("reviews", "ratings")).statusCode(201);
        given().post(releases(namespace) + "/other/abort").then().statusCode(202)
                .body("rolloutStatus.state", equalTo("Aborted"));
    }

    @Test
    void aManualPromotionWaitsForApproval() {
        create(namespace, rollout("MANUAL", "")).statusCode(201);
        passStep(1, 90, 10);
        applied(2, 50, 50);
        awaitDecisions(List.of("start", "advance", "start"));
        judge.verdict(namespace, "canary", 2, CheckVerdict.Outcome.PASS);
        await().atMost(WAIT).untilAsserted(() -> release().body("rolloutStatus.state", equalTo("Paused"))
                .body("rolloutStatus.reason", containsString("approve to promote")));
        release().body("generation", equalTo(2));
        action(namespace, "canary", "approve").statusCode(202).body("governor", equalTo("v2"))
                .body("rolloutStatus.state", equalTo("Promoting"));
    }

    @Test
    void aConfirmPromotionWebhookAnsweringNon2xxHoldsThePromotionUntilItAnswers200() throws IOException {
        AtomicInteger status = new AtomicInteger(500);
        List<String> signatures = new CopyOnWriteArrayList<>();
        List<String> bodies = new CopyOnWriteArrayList<>();
        HttpServer gate = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        gate.createContext("/", exchange -> {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            signatures.add(exchange.getRequestHeaders().getFirst("X-Graylane-Signature"));
            exchange.sendResponseHeaders(status.get(), -1);
            exchange.close();
        });
        gate.start();
        try {
            String url = "http://127.0.0.1:" + gate.getAddress().getPort() + "/gate";
            create(namespace, rollout("AUTO", ", \"webhooks\": [{\"type\": \"confirm-promotion\", \"url\": \"" + url
                    + "\"}, {\"type\": \"event\", \"url\": \"" + url + "\"}]")).statusCode(201);
            passStep(1, 90, 10);
            applied(2, 50, 50);
            awaitDecisions(List.of("start", "advance", "start"));
            judge.verdict(namespace, "canary", 2, CheckVerdict.Outcome.PASS);
            await().atMost(WAIT).untilAsserted(() -> release().body("rolloutStatus.held",
                    containsString("confirm-promotion webhook " + url + " answered 500")));
            release().body("generation", equalTo(2)).body("rolloutStatus.state", equalTo("Analysing"));
            decisions().body("items[-1].action", equalTo("hold"));

            status.set(200);
            awaitGeneration(3);
            release().body("governor", equalTo("v2")).body("rolloutStatus.state", equalTo("Promoting"));
            await().atMost(WAIT).until(() -> bodies.stream().anyMatch(b -> b.contains("\"type\":\"event\"")
                    && b.contains("\"action\":\"promote\"")));
            assertThat(bodies).anyMatch(b -> b.contains("\"type\":\"confirm-promotion\""));
            assertThat(signatures).allMatch(s -> s != null && s.matches("sha256=[0-9a-f]{64}"));
            String body = bodies.get(0);
            assertThat(signatures.get(0)).isEqualTo("sha256=" + WebhookSigner.hmac("test-webhook-secret", body));
        } finally {
            gate.stop(0);
        }
    }

    private void passStep(long generation, int baselineWeight, int candidateWeight) {
        applied(generation, baselineWeight, candidateWeight);
        awaitDecision("start");
        judge.verdict(namespace, "canary", generation, CheckVerdict.Outcome.PASS);
        awaitGeneration(generation + 1);
    }

    private void applied(long generation, int baseline, int candidate) {
        trafficService.applied(namespace, "canary", "reviews", generation, Map.of("v1", baseline, "v2", candidate));
    }

    private void awaitGeneration(long generation) {
        await().atMost(WAIT).untilAsserted(() -> release().body("generation", equalTo((int) generation)));
    }

    private void awaitDecision(String action) {
        await().atMost(WAIT).untilAsserted(() -> assertThat(actions()).last().isEqualTo(action));
    }

    private List<String> actions() {
        return decisions().extract().jsonPath().getList("items.action", String.class);
    }

    private void awaitDecisions(List<String> actions) {
        await().atMost(WAIT).untilAsserted(() -> decisions().body("items.action", equalTo(actions)));
    }

    private io.restassured.response.ValidatableResponse release() {
        return given().get(releases(namespace) + "/canary").then().statusCode(200);
    }

    private io.restassured.response.ValidatableResponse decisions() {
        return given().get(releases(namespace) + "/canary/decisions").then().statusCode(200);
    }

    private static String rollout(String promotion, String more) {
        return """
                {
                  "name": "canary",
                  "strategy": "CANARY",
                  "service": "reviews",
                  "baseline":  { "version": "v1" },
                  "candidate": { "version": "v2", "image": "kubesphere/examples-bookinfo-reviews-v2:1.13.0" },
                  "rollout": { "steps": [10, 50], "minStepDuration": "5s", "maxStepDuration": "10s",
                               "promotion": "%s"%s }
                }
                """.formatted(promotion, more);
    }
}
