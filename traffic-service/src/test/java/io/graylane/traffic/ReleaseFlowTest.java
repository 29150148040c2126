package io.graylane.traffic;

import io.graylane.kubetesting.ApiCallRecorder;
import io.graylane.kubetesting.IstioSchemas;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.graylane.events.EventTypes;
import io.graylane.events.release.DesiredRelease;
import io.graylane.events.release.Intent;
import io.graylane.events.release.ReleasePhase;
import io.graylane.events.release.TrafficPolicy;
import io.graylane.infra.KafkaResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The tutorial's steps 2, 3, 6 and 7 against the Kubernetes test server, driven by events on real Kafka. */
@QuarkusTest
@WithKubernetesTestServer(crud = true, setup = ApiCallRecorder.class)
@WithTestResource(KafkaResource.class)
class ReleaseFlowTest extends SeededNamespaceTest {

    @Test
    void playsTheTutorialFromCanaryToOffline() {
        DesiredRelease created = releases.publish(Releases.canary(namespace, "canary-release", 70));

        JsonNode waiting = reports.await(EventTypes.TRAFFIC_PROGRESSING, 1);
        assertThat(waiting.path("reason").asText()).isEqualTo("WaitingForCandidate");
        Deployment candidate = awaitCandidate();
        assertThat(candidate.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .isEqualTo(Releases.V2_IMAGE);
        assertThat(candidate.getSpec().getTemplate().getMetadata().getLabels()).containsEntry("version", "v2");
        assertThat(candidate.getSpec().getSelector().getMatchLabels()).containsEntry("version", "v2");
        assertThat(candidate.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "graylane");
        assertThat(candidate.getMetadata().getAnnotations()).containsEntry("graylane.io/release", "canary-release");
        assertThat(candidate.getSpec().getReplicas()).isEqualTo(1);
        assertThat(weights(virtualService())).as("no traffic before the candidate is ready").isEqualTo(
                List.of(Map.of("v1", 100)));

        Bookinfo.makeAvailable(client, namespace, "reviews-v2");
        JsonNode applied = reports.await(EventTypes.TRAFFIC_APPLIED, 1);
        assertThat(applied.at("/routes/weights/v1").asInt()).isEqualTo(70);
        assertThat(applied.path("objects").findValuesAsText("kind")).contains("VirtualService", "DestinationRule",
                "Deployment");
        VirtualService split = virtualService();
        assertThat(split.getSpec().getHttp().get(0).getName()).isEqualTo("graylane-canary-release");
        assertThat(weights(split)).containsExactly(Map.of("v1", 70, "v2", 30), Map.of("v1", 100));
        assertThat(subsets(destinationRule())).containsExactly("v1", "v2", "v3");
        assertValid();

        DesiredRelease halves = releases.publish(Releases.next(created,
                new TrafficPolicy(Map.of("v1", 50, "v2", 50), null, null, null)));
        reports.await(EventTypes.TRAFFIC_APPLIED, 2);
        assertThat(weights(virtualService()).get(0)).isEqualTo(Map.of("v1", 50, "v2", 50));

        DesiredRelease takenOver = releases.publish(Releases.next(halves, Intent.TAKEOVER, "v2"));
        reports.await(EventTypes.TRAFFIC_APPLIED, 3);
        assertThat(weights(virtualService()).get(0)).isEqualTo(Map.of("v2", 100));

        DesiredRelease offline = releases.publish(Releases.next(takenOver, Intent.OFFLINE, "v2"));
        JsonNode done = reports.await(EventTypes.TRAFFIC_APPLIED, 4);
        assertThat(done.path("repointedRoutes").get(0).asText()).isEqualTo("http[0]");
        assertThat(client.apps().deployments().inNamespace(namespace).withName("reviews-v1").get()).isNull();
        assertThat(subsets(destinationRule())).containsExactly("v2", "v3");
        assertThat(weights(virtualService())).containsExactly(Map.of("v2", 100), Map.of("v2", 100));
        assertThat(virtualService().getSpec().getHttp().get(1).getName()).isEqualTo("graylane-canary-release");
        assertValid();
        releases.ended(offline, ReleasePhase.Completed);
    }

    @Test
    void writesNothingWhenTheSameGenerationComesAgain() {
        DesiredRelease release = releases.publish(Releases.canary(namespace, "canary", 80));
        makeCandidateAvailable();
        reports.await(EventTypes.TRAFFIC_APPLIED, 1);
        String virtualServiceVersion = virtualService().getMetadata().getResourceVersion();
        String destinationRuleVersion = destinationRule().getMetadata().getResourceVersion();
        String candidateVersion = deployment("reviews-v2").getMetadata().getResourceVersion();

        releases.publish(release);
        releases.publish(release);
        assertThat(reports.all(EventTypes.TRAFFIC_APPLIED, 1, Duration.ofSeconds(3))).hasSize(1);

        assertThat(virtualService().getMetadata().getResourceVersion()).isEqualTo(virtualServiceVersion);
        assertThat(destinationRule().getMetadata().getResourceVersion()).isEqualTo(destinationRuleVersion);
        assertThat(deployment("reviews-v2").getMetadata().getResourceVersion()).isEqualTo(candidateVersion);
    }

    @Test
    void ignoresAnOlderGenerationThatArrivesLate() {
        DesiredRelease first = Releases.canary(namespace, "canary", 90);
        DesiredRelease second = Releases.next(first, new TrafficPolicy(Map.of("v1", 60, "v2", 40), null, null, null));
        releases.publish(second);
        releases.publish(first);
        makeCandidateAvailable();

        reports.await(EventTypes.TRAFFIC_APPLIED, 2);
        assertThat(reports.all(EventTypes.TRAFFIC_APPLIED, 1, Duration.ofSeconds(2))).isEmpty();
        assertThat(weights(virtualService()).get(0)).isEqualTo(Map.of("v1", 60, "v2", 40));
    }

    @Test
    void reportsAMissingBaselineAsAFailureThatRetryingWillNotFix() {
        releases.publish(new DesiredRelease(namespace, "ratings-canary", Releases.canary(namespace, "x", 50)
                .strategy(), "ratings", new io.graylane.events.release.Baseline("v1"),
                new io.graylane.events.release.Candidate("v2", "istio/examples-bookinfo-ratings-v2:1.20.1", null, null), null,
                new TrafficPolicy(Map.of("v1", 50, "v2", 50), null, null, null), Intent.SPLIT, null, 1));

        JsonNode failed = reports.await(EventTypes.TRAFFIC_FAILED, 1);
        assertThat(failed.path("reason").asText()).isEqualTo("BaselineNotFound");
        assertThat(failed.path("retryable").asBoolean()).isFalse();
        assertThat(failed.path("message").asText()).isEqualTo("no Deployment in namespace '" + namespace
                + "' labelled app=ratings,version=v1");
    }

    @Test
    void rollsBackFromActive() {
        DesiredRelease release = releases.publish(Releases.canary(namespace, "canary", 70));
        makeCandidateAvailable();
        reports.await(EventTypes.TRAFFIC_APPLIED, 1);

        releases.publish(Releases.next(release, Intent.ROLLBACK, "v1"));
        JsonNode applied = reports.await(EventTypes.TRAFFIC_APPLIED, 2);

        assertThat(applied.at("/routes/weights/v1").asInt()).isEqualTo(100);
        assertThat(client.apps().deployments().inNamespace(namespace).withName("reviews-v2").get()).isNull();
        assertThat(deployment("reviews-v1")).isNotNull();
        assertThat(subsets(destinationRule())).containsExactly("v1", "v3");
        assertThat(weights(virtualService())).containsExactly(Map.of("v1", 100), Map.of("v1", 100));
        assertValid();
    }

    @Test
    void putsBackAnOwnedRouteEditedByHandAndLeavesTheUsersRoutesAlone() {
        releases.publish(Releases.canary(namespace, "canary", 70));
        makeCandidateAvailable();
        reports.await(EventTypes.TRAFFIC_APPLIED, 1);

        istio.v1().virtualServices().inNamespace(namespace).withName("reviews").edit(vs -> {
            vs.getSpec().getHttp().get(0).getRoute().get(0).setWeight(10);
            vs.getSpec().getHttp().get(0).getRoute().get(1).setWeight(90);
            vs.getSpec().getHttp().get(1).setTimeout("5s");
            return vs;
        });

        JsonNode corrected = reports.await(EventTypes.TRAFFIC_DRIFT_CORRECTED, 1);
        assertThat(corrected.path("changes").get(0).asText()).contains("route graylane-canary: v1=10, v2=90 -> v1=70, v2=30");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(weights(virtualService()).get(0)).isEqualTo(Map.of("v1", 70, "v2", 30)));
        assertThat(virtualService().getSpec().getHttp().get(1).getTimeout()).isEqualTo("5s");
    }

    @Test
    void putsBackTheCandidatesImageChangedByHand() {
        releases.publish(Releases.canary(namespace, "canary", 70));
        makeCandidateAvailable();
        reports.await(EventTypes.TRAFFIC_APPLIED, 1);
        String image = deployment("reviews-v2").getSpec().getTemplate().getSpec().getContainers().get(0).getImage();

        client.apps().deployments().inNamespace(namespace).withName("reviews-v2").edit(d -> {
            d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("someone/else:1");
            return d;
        });

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(deployment("reviews-v2").getSpec()
                .getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo(image));
    }

    @Test
    void answersWhatTheClusterHoldsAndWhoOwnsIt() {
        releases.publish(Releases.canary(namespace, "canary", 70));
        reports.await(EventTypes.TRAFFIC_PROGRESSING, 1);
        given().get("/api/v1/namespaces/" + namespace + "/services/reviews/routing").then()
                .statusCode(200)
                .body("release.name", equalTo("canary"))
                .body("release.appliedGeneration", equalTo(0))
                .body("inSync", equalTo(false));

        makeCandidateAvailable();
        reports.await(EventTypes.TRAFFIC_APPLIED, 1);
        given().get("/api/v1/namespaces/" + namespace + "/services/reviews/routing").then()
                .statusCode(200)
                .body("subsets.name", contains("v1", "v2", "v3"))
                .body("routes[0].name", equalTo("graylane-canary"))
                .body("routes[0].owner", equalTo("canary"))
                .body("routes[0].destinations.weight", contains(70, 30))
                .body("routes[1].owner", equalTo(null))
                .body("release.generation", equalTo(1))
                .body("release.appliedGeneration", equalTo(1))
                .body("inSync", equalTo(true));
        given().get("/api/v1/namespaces/" + namespace + "/services/nothing/routing").then()
                .statusCode(404).contentType("application/problem+json");
    }

    private void assertValid() {
        IstioSchemas.assertValid(virtualService());
        IstioSchemas.assertValid(destinationRule());
    }

    private static List<String> subsets(DestinationRule rule) {
        return rule.getSpec().getSubsets().stream().map(s -> s.getName()).toList();
    }
}
