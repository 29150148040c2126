package io.graylane.traffic;

import static io.graylane.infra.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.graylane.infra.IssuerResource;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.graylane.events.EventTypes;
import io.graylane.events.release.DesiredRelease;
import io.graylane.events.release.Intent;
import io.graylane.events.release.ReleasePhase;
import io.graylane.events.release.TrafficPolicy;
import io.graylane.infra.KafkaResource;
import io.graylane.kubetesting.IstioSchemas;
import io.graylane.kubetesting.StandInCluster;
import io.graylane.traffic.domain.OriginalRoutes;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The tutorial's steps 2, 3, 6 and 7 against the Kubernetes stand-in, driven by events on real Kafka. */
@QuarkusTest
@WithTestResource(IssuerResource.class)
@WithTestResource(StandInCluster.class)
@WithTestResource(KafkaResource.class)
class ReleaseFlowTest extends SeededNamespaceTest {

    @Test
    void playsTheTutorialFromCanaryToOffline() {
        holdUnready(CANDIDATE);
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
        assertThat(goesTo(ANYONE)).as("no traffic before the candidate is ready").isEqualTo(Map.of("v1", 1.0));

        release(CANDIDATE);
        JsonNode applied = reports.await(EventTypes.TRAFFIC_APPLIED, 1);
        assertThat(applied.at("/routes/weights/v1").asInt()).isEqualTo(70);
        assertThat(applied.path("objects").findValuesAsText("kind")).contains("VirtualService", "DestinationRule",
                "Deployment");
        assertThat(weights(virtualService())).as("the split is written into the user's own route")
                .containsExactly(Map.of("v1", 70, "v2", 30));
        assertThat(virtualService().getSpec().getHttp().get(0).getName()).isNull();
        assertThat(virtualService().getMetadata().getAnnotations()).containsKey(OriginalRoutes.ANNOTATION);
        assertThat(subsets(destinationRule())).containsExactly("v1", "v2", "v3");
        assertValid();

        DesiredRelease halves = releases.publish(Releases.next(created,
                new TrafficPolicy(Map.of("v1", 50, "v2", 50), null, null, null)));
        reports.await(EventTypes.TRAFFIC_APPLIED, 2);
        assertThat(goesTo(ANYONE)).isEqualTo(Map.of("v1", 0.5, "v2", 0.5));

        DesiredRelease takenOver = releases.publish(Releases.next(halves, Intent.TAKEOVER, "v2"));
        reports.await(EventTypes.TRAFFIC_APPLIED, 3);
        assertThat(goesTo(ANYONE)).isEqualTo(Map.of("v2", 1.0));

        DesiredRelease offline = releases.publish(Releases.next(takenOver, Intent.OFFLINE, "v2"));
        JsonNode done = reports.await(EventTypes.TRAFFIC_APPLIED, 4);
        assertThat(done.path("repointedRoutes").get(0).asText()).isEqualTo("unnamed #0");
        assertThat(done.path("notes").get(0).asText()).contains("reviews-v1 scaled to 0, not deleted");
        assertThat(deployment("reviews-v1").getSpec().getReplicas()).as("not Graylane's: scaled, not deleted")
                .isZero();
        assertThat(subsets(destinationRule())).containsExactly("v2", "v3");
        assertThat(weights(virtualService())).as("one route, as a person would write it for v2")
                .containsExactly(Map.of("v2", 100));
        assertThat(virtualService().getSpec().getHttp()).allMatch(route -> route.getName() == null);
        assertThat(virtualService().getMetadata().getAnnotations()).doesNotContainKey(OriginalRoutes.ANNOTATION);
        assertValid();
        releases.ended(offline, ReleasePhase.Completed);
    }

    @Test
    void writesNothingWhenTheSameGenerationComesAgain() {
        DesiredRelease release = releases.publish(Releases.canary(namespace, "canary", 80));
        reports.await(EventTypes.TRAFFIC_APPLIED, 1);
        String virtualServiceVersion = virtualService().getMetadata().getResourceVersion();
        String destinationRuleVersion = destinationRule().getMetadata().getResourceVersion();
        Long candidateGeneration = deployment(CANDIDATE).getMetadata().getGeneration();

        releases.publish(release);
        releases.publish(release);
        assertThat(reports.all(EventTypes.TRAFFIC_APPLIED, 1, Duration.ofSeconds(3))).hasSize(1);

        assertThat(virtualService().getMetadata().getResourceVersion()).isEqualTo(virtualServiceVersion);
        assertThat(destinationRule().getMetadata().getResourceVersion()).isEqualTo(destinationRuleVersion);
        assertThat(deployment(CANDIDATE).getMetadata().getGeneration()).isEqualTo(candidateGeneration);
        assertThat(reports.all(EventTypes.TRAFFIC_DRIFT_CORRECTED, 1, Duration.ofMillis(200))).isEmpty();
    }

    @Test
    void ignoresAnOlderGenerationThatArrivesLate() {
        DesiredRelease first = Releases.canary(namespace, "canary", 90);
        DesiredRelease second = Releases.next(first, new TrafficPolicy(Map.of("v1", 60, "v2", 40), null, null, null));
        releases.publish(second);
        releases.publish(first);

        reports.await(EventTypes.TRAFFIC_APPLIED, 2);
        assertThat(reports.all(EventTypes.TRAFFIC_APPLIED, 1, Duration.ofSeconds(2))).isEmpty();
        assertThat(weights(virtualService()).get(0)).isEqualTo(Map.of("v1", 60, "v2", 40));
    }

    @Test
    void reportsAMissingBaselineAndNamesTheLabelsSearched() {
        releases.publish(new DesiredRelease(namespace, "ratings-canary", Releases.canary(namespace, "x", 50)
                .strategy(), "ratings", new io.graylane.events.release.Baseline("v1"),
                new io.graylane.events.release.Candidate("v2", "istio/examples-bookinfo-ratings-v2:1.20.1", null, null),
                null, new TrafficPolicy(Map.of("v1", 50, "v2", 50), null, null, null), Intent.SPLIT, null, 1, null));

        JsonNode failed = reports.await(EventTypes.TRAFFIC_FAILED, 1);
        assertThat(failed.path("reason").asText()).isEqualTo("BaselineNotFound");
        assertThat(failed.path("retryable").asBoolean()).isFalse();
        assertThat(failed.path("message").asText()).isEqualTo("no Deployment in namespace '" + namespace
                + "' labelled app=ratings,version=v1 or app.kubernetes.io/name=ratings,app.kubernetes.io/version=v1");
    }

    @Test
    void rollsBackFromActiveAndDeletesOnlyWhatItCreated() {
        DesiredRelease release = releases.publish(Releases.canary(namespace, "canary", 70));
        reports.await(EventTypes.TRAFFIC_APPLIED, 1);

        releases.publish(Releases.next(release, Intent.ROLLBACK, "v1"));
        JsonNode applied = reports.await(EventTypes.TRAFFIC_APPLIED, 2);

        assertThat(applied.at("/routes/weights/v1").asInt()).isEqualTo(100);
        await().atMost(Duration.ofSeconds(5)).until(() -> deployment(CANDIDATE) == null);
        assertThat(deployment("reviews-v1").getSpec().getReplicas()).isEqualTo(1);
        assertThat(subsets(destinationRule())).containsExactly("v1", "v3");
        assertThat(weights(virtualService())).containsExactly(Map.of("v1", 100));
        assertThat(virtualService().getMetadata().getAnnotations()).doesNotContainKey(OriginalRoutes.ANNOTATION);
        assertValid();
    }

    @Test
    void putsBackTheSplitEditedByHandAndLeavesTheRestOfTheRouteAlone() {
        releases.publish(Releases.canary(namespace, "canary", 70));
        reports.await(EventTypes.TRAFFIC_APPLIED, 1);

        istio.v1().virtualServices().inNamespace(namespace).withName("reviews").edit(vs -> {
            vs.getSpec().getHttp().get(0).getRoute().get(0).setWeight(10);
            vs.getSpec().getHttp().get(0).getRoute().get(1).setWeight(90);
            vs.getSpec().getHttp().get(0).setTimeout("5s");
            return vs;
        });

        JsonNode corrected = reports.await(EventTypes.TRAFFIC_DRIFT_CORRECTED, 1);
        assertThat(corrected.path("changes").get(0).asText()).contains("route unnamed #0: v1=10, v2=90 -> v1=70, v2=30");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(weights(virtualService()).get(0)).isEqualTo(Map.of("v1", 70, "v2", 30)));
        assertThat(virtualService().getSpec().getHttp().get(0).getTimeout()).isEqualTo("5s");
    }

    @Test
    void putsBackTheCandidatesImageChangedByHand() {
        releases.publish(Releases.canary(namespace, "canary", 70));
        reports.await(EventTypes.TRAFFIC_APPLIED, 1);
        String image = deployment(CANDIDATE).getSpec().getTemplate().getSpec().getContainers().get(0).getImage();

        editDeployment(CANDIDATE, d -> {
            d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("someone/else:1");
            return d;
        });

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(deployment(CANDIDATE).getSpec()
                .getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo(image));
    }

    @Test
    void answersWhatTheClusterHoldsAndWhoOwnsIt() {
        holdUnready(CANDIDATE);
        releases.publish(Releases.canary(namespace, "canary", 70));
        reports.await(EventTypes.TRAFFIC_PROGRESSING, 1);
        given().get("/api/v1/namespaces/" + namespace + "/services/reviews/routing").then()
                .statusCode(200)
                .body("release.name", equalTo("canary"))
                .body("release.appliedGeneration", equalTo(0))
                .body("inSync", equalTo(false));

        release(CANDIDATE);
        reports.await(EventTypes.TRAFFIC_APPLIED, 1);
        given().get("/api/v1/namespaces/" + namespace + "/services/reviews/routing").then()
                .statusCode(200)
                .body("virtualService", equalTo("reviews"))
                .body("subsets.name", contains("v1", "v2", "v3"))
                .body("routes[0].name", nullValue())
                .body("routes[0].managedBy", equalTo("canary"))
                .body("routes[0].destinations.weight", contains(70, 30))
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

    static List<String> subsets(DestinationRule rule) {
        return rule.getSpec().getSubsets().stream().map(s -> s.getName()).toList();
    }
}
