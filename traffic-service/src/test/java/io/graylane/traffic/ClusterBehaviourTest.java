package io.graylane.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.graylane.infra.IssuerResource;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.graylane.events.EventTypes;
import io.graylane.events.release.Candidate;
import io.graylane.events.release.DesiredRelease;
import io.graylane.events.release.Intent;
import io.graylane.events.release.ReleasePhase;
import io.graylane.infra.KafkaResource;
import io.graylane.kube.DeploymentController;
import io.graylane.kubetesting.StandInCluster;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * What a real cluster does to a release: pods that become ready one by one or not at all, Deployments that
 * are not Graylane's, a GitOps tool that puts back what was removed, autoscalers, and another writer fighting
 * over the same route.
 */
@QuarkusTest
@WithTestResource(IssuerResource.class)
@TestProfile(ClusterBehaviourTest.FewCorrections.class)
@WithTestResource(StandInCluster.class)
@WithTestResource(KafkaResource.class)
class ClusterBehaviourTest extends SeededNamespaceTest {

    private static final String ARGO_CD = "argocd-application-controller/v2.13.0";
    private static final String V3_IMAGE = "istio/examples-bookinfo-reviews-v3:1.20.3";

    @Test
    void noTrafficGoesToACandidateUntilAllThreeReplicasAreAvailable() {
        List<long[]> candidateAvailable = new CopyOnWriteArrayList<>();
        List<Long> splitWritten = new CopyOnWriteArrayList<>();
        try (Watch deployments = client.apps().deployments().inNamespace(namespace).withName(CANDIDATE)
                .watch(recorder(d -> d.getStatus() != null && d.getStatus().getAvailableReplicas() != null,
                        d -> candidateAvailable.add(new long[] {version(d), d.getStatus().getAvailableReplicas()})));
                Watch routes = istio.v1().virtualServices().inNamespace(namespace).withName("reviews")
                        .watch(recorder(vs -> true, vs -> {
                            if (weights(vs).get(0).getOrDefault("v2", 0) > 0) {
                                splitWritten.add(version(vs));
                            }
                        }))) {
            releases.publish(new DesiredRelease(namespace, "canary", Releases.canary(namespace, "x", 70).strategy(),
                    "reviews", new io.graylane.events.release.Baseline("v1"), new Candidate("v2", Releases.V2_IMAGE,
                    3, null), null, Releases.canary(namespace, "x", 70).traffic(), Intent.SPLIT, null, 1, null));
            reports.await(EventTypes.TRAFFIC_APPLIED, 1);
            await().atMost(Duration.ofSeconds(10)).until(() -> !splitWritten.isEmpty()
                    && candidateAvailable.stream().anyMatch(s -> s[1] == 3));
        }
        long allAvailable = candidateAvailable.stream().filter(s -> s[1] == 3).mapToLong(s -> s[0]).min().orElseThrow();
        assertThat(candidateAvailable.stream().map(s -> s[1]).distinct().toList()).as("one replica at a time")
                .contains(1L, 2L, 3L);
        assertThat(splitWritten.get(0)).as("the split was written after the third replica became available")
                .isGreaterThan(allAvailable);
    }

    @Test
    void aTakeoverWaitsForACandidateHeldUnreadyAndSaysWhy() {
        DesiredRelease split = releases.publish(Releases.canary(namespace, "canary", 70));
        reports.await(EventTypes.TRAFFIC_APPLIED, 1);
        annotateReady(CANDIDATE, "false");

        JsonNode unavailable = reports.await(EventTypes.TRAFFIC_CONDITION, 1);
        assertThat(unavailable.path("type").asText()).isEqualTo("Available");
        assertThat(unavailable.path("status").asText()).isEqualTo("False");
        assertThat(unavailable.path("message").asText()).contains("v2: Deployment reviews-v2");
        assertThat(goesTo(ANYONE)).as("no automatic action").isEqualTo(Map.of("v1", 0.7, "v2", 0.3));

        releases.publish(Releases.next(split, Intent.TAKEOVER, "v2"));
        JsonNode waiting = reports.await(EventTypes.TRAFFIC_PROGRESSING, 2);
        assertThat(waiting.path("reason").asText()).isEqualTo("WaitingForCandidate");
        assertThat(waiting.path("message").asText()).contains("no more traffic goes to v2 until it is ready");
        assertThat(goesTo(ANYONE)).isEqualTo(Map.of("v1", 0.7, "v2", 0.3));

        annotateReady(CANDIDATE, null);
        reports.await(EventTypes.TRAFFIC_APPLIED, 2);
        assertThat(goesTo(ANYONE)).isEqualTo(Map.of("v2", 1.0));
    }

    @Test
    void offlineWaitsWhileTheVersionKeptIsUnready() {
        DesiredRelease split = releases.publish(Releases.canary(namespace, "canary", 70));
        reports.await(EventTypes.TRAFFIC_APPLIED, 1);
        DesiredRelease takenOver = releases.publish(Releases.next(split, Intent.TAKEOVER, "v2"));
        reports.await(EventTypes.TRAFFIC_APPLIED, 2);
        holdUnready(CANDIDATE);
        await().atMost(Duration.ofSeconds(5)).until(() -> deployment(CANDIDATE).getStatus().getAvailableReplicas() == 0);

        releases.publish(Releases.next(takenOver, Intent.OFFLINE, "v2"));
        assertThat(reports.await(EventTypes.TRAFFIC_PROGRESSING, 3).path("message").asText())
                .contains("no more traffic goes to v2 until it is ready");
        assertThat(deployment("reviews-v1").getSpec().getReplicas()).isEqualTo(1);
        assertThat(ReleaseFlowTest.subsets(destinationRule())).contains("v1");

        release(CANDIDATE);
        reports.await(EventTypes.TRAFFIC_APPLIED, 3);
        assertThat(deployment("reviews-v1").getSpec().getReplicas()).isZero();
    }

    @Test
    void anAdoptedCandidateSurvivesRollbackAndWithoutAdoptionIsAConflict() {
        Deployment users = usersDeployment("reviews", "v3", V3_IMAGE);
        releases.publish(Releases.canary(namespace, "plain", "reviews", "v1", new Candidate("v3", V3_IMAGE, 1, null),
                null, 80));
        JsonNode conflict = reports.await(EventTypes.TRAFFIC_FAILED, 1);
        assertThat(conflict.path("reason").asText()).isEqualTo("CandidateConflict");
        assertThat(conflict.path("message").asText()).contains("set candidate.adopt");
        releases.ended(Releases.canary(namespace, "plain", 80), ReleasePhase.RolledBack);

        DesiredRelease adopted = releases.publish(Releases.canary(namespace, "adopting", "reviews", "v1",
                new Candidate("v3", V3_IMAGE, null, true), null, 80));
        reports.await(EventTypes.TRAFFIC_APPLIED, 1);
        assertThat(goesTo(ANYONE)).isEqualTo(Map.of("v1", 0.8, "v3", 0.2));
        releases.publish(Releases.next(adopted, Intent.ROLLBACK, "v1"));
        JsonNode rolledBack = reports.await(EventTypes.TRAFFIC_APPLIED, 2);

        Deployment after = deployment("reviews-v3");
        assertThat(after).isNotNull();
        assertThat(after.getMetadata().getUid()).isEqualTo(users.getMetadata().getUid());
        assertThat(after.getSpec().getReplicas()).isEqualTo(1);
        assertThat(rolledBack.path("notes").toString()).contains("reviews-v3 left as it was");
        assertThat(goesTo(ANYONE)).isEqualTo(Map.of("v1", 1.0));
    }

    @Test
    void aBaselineGraylaneDidNotCreateIsScaledToZeroAndWhenGitOpsScalesItBackThatIsReportedOnceAndLeft() {
        DesiredRelease split = releases.publish(Releases.canary(namespace, "canary", 50));
        reports.await(EventTypes.TRAFFIC_APPLIED, 1);
        DesiredRelease takenOver = releases.publish(Releases.next(split, Intent.TAKEOVER, "v2"));
        reports.await(EventTypes.TRAFFIC_APPLIED, 2);
        DesiredRelease offline = releases.publish(Releases.next(takenOver, Intent.OFFLINE, "v2"));
        reports.await(EventTypes.TRAFFIC_APPLIED, 3);
        releases.ended(offline, ReleasePhase.Completed);
        assertThat(deployment("reviews-v1").getSpec().getReplicas()).isZero();

        try (KubernetesClient argo = clientAs(ARGO_CD)) {
            await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> argo.apps().deployments()
                    .inNamespace(namespace).withName("reviews-v1").edit(d -> {
                        d.getSpec().setReplicas(1);
                        return d;
                    }) != null);
        }

        JsonNode returned = reports.await(EventTypes.TRAFFIC_CONDITION, 3);
        assertThat(returned.path("type").asText()).isEqualTo("WorkloadRemoved");
        assertThat(returned.path("reason").asText()).isEqualTo("Recreated");
        assertThat(returned.path("message").asText()).contains("scaled to 1 by argocd-application-controller");
        assertThat(reports.all(EventTypes.TRAFFIC_CONDITION, 3, Duration.ofSeconds(3))).hasSize(1);
        assertThat(deployment("reviews-v1").getSpec().getReplicas()).as("left as GitOps wants it").isEqualTo(1);
    }

    @Test
    void removeBaselineDeletesItAndAGitOpsRecreationIsReportedOnceAndLeft() {
        DesiredRelease split = releases.publish(Releases.canary(namespace, "canary", "reviews", "v1",
                new Candidate("v2", Releases.V2_IMAGE, 1, null), true, 50));
        reports.await(EventTypes.TRAFFIC_APPLIED, 1);
        DesiredRelease takenOver = releases.publish(Releases.next(split, Intent.TAKEOVER, "v2"));
        reports.await(EventTypes.TRAFFIC_APPLIED, 2);
        Deployment baseline = deployment("reviews-v1");
        releases.publish(Releases.next(takenOver, Intent.OFFLINE, "v2"));
        reports.await(EventTypes.TRAFFIC_APPLIED, 3);
        await().atMost(Duration.ofSeconds(5)).until(() -> deployment("reviews-v1") == null);

        try (KubernetesClient argo = clientAs(ARGO_CD)) {
            argo.resource(new io.fabric8.kubernetes.api.model.apps.DeploymentBuilder(baseline).editMetadata()
                    .withResourceVersion(null).withUid(null).withManagedFields(List.of()).endMetadata()
                    .withStatus(null).build()).create();
        }

        JsonNode returned = reports.await(EventTypes.TRAFFIC_CONDITION, 3);
        assertThat(returned.path("message").asText()).contains("reviews-v1 was created again by"
                + " argocd-application-controller");
        assertThat(reports.all(EventTypes.TRAFFIC_CONDITION, 3, Duration.ofSeconds(3))).hasSize(1);
        assertThat(deployment("reviews-v1")).isNotNull();
    }

    @Test
    void aBaselineWithAnAutoscalerGivesTheCandidateItsOwnAndNothingFightsIt() {
        createBaselineAutoscaler();
        DesiredRelease split = releases.publish(Releases.canary(namespace, "canary", "reviews", "v1",
                new Candidate("v2", Releases.V2_IMAGE, null, null), null, 70));
        reports.await(EventTypes.TRAFFIC_APPLIED, 1);

        HorizontalPodAutoscaler own = candidateAutoscaler();
        assertThat(own.getSpec().getScaleTargetRef().getName()).isEqualTo(CANDIDATE);
        assertThat(own.getSpec().getMinReplicas()).isEqualTo(2);
        assertThat(own.getSpec().getMaxReplicas()).isEqualTo(5);
        assertThat(own.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "graylane");
        assertThat(deployment(CANDIDATE).getSpec().getReplicas()).isEqualTo(2);

        client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(namespace).withName("reviews-v1")
                .edit(h -> new HorizontalPodAutoscalerBuilder(h).editSpec().withMaxReplicas(6).endSpec().build());
        await().atMost(Duration.ofSeconds(10)).until(() -> candidateAutoscaler().getSpec().getMaxReplicas() == 6);

        try (KubernetesClient autoscaler = clientAs("kube-controller-manager/v1.32.0")) {
            await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> autoscaler.apps().deployments()
                    .inNamespace(namespace).withName(CANDIDATE).edit(d -> {
                        d.getSpec().setReplicas(4);
                        return d;
                    }) != null);
        }
        DesiredRelease takenOver = releases.publish(Releases.next(split, Intent.TAKEOVER, "v2"));
        reports.await(EventTypes.TRAFFIC_APPLIED, 2);
        releases.publish(Releases.next(takenOver, Intent.OFFLINE, "v2"));
        reports.await(EventTypes.TRAFFIC_APPLIED, 3);

        assertThat(deployment(CANDIDATE).getSpec().getReplicas()).as("the autoscaler's count stands").isEqualTo(4);
        assertThat(candidateAutoscaler()).as("the version kept keeps its autoscaler").isNotNull();
    }

    @Test
    void rollbackDeletesTheCandidatesAutoscalerWithIt() {
        createBaselineAutoscaler();
        DesiredRelease split = releases.publish(Releases.canary(namespace, "canary", 70));
        reports.await(EventTypes.TRAFFIC_APPLIED, 1);
        assertThat(candidateAutoscaler()).isNotNull();

        releases.publish(Releases.next(split, Intent.ROLLBACK, "v1"));
        JsonNode applied = reports.await(EventTypes.TRAFFIC_APPLIED, 2);

        assertThat(applied.path("objects").findValuesAsText("kind")).contains("HorizontalPodAutoscaler");
        await().atMost(Duration.ofSeconds(5)).until(() -> candidateAutoscaler() == null);
        assertThat(client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(namespace).withName("reviews-v1")
                .get()).as("the user's stays").isNotNull();
    }

    private void createBaselineAutoscaler() {
        client.resource(new HorizontalPodAutoscalerBuilder().withNewMetadata().withName("reviews-v1")
                .withNamespace(namespace).endMetadata().withNewSpec().withMinReplicas(2).withMaxReplicas(5)
                .withNewScaleTargetRef().withApiVersion("apps/v1").withKind("Deployment").withName("reviews-v1")
                .endScaleTargetRef().addNewMetric().withType("Resource").withNewResource().withName("cpu")
                .withNewTarget().withType("Utilization").withAverageUtilization(80).endTarget().endResource()
                .endMetric().endSpec().build()).create();
    }

    private HorizontalPodAutoscaler candidateAutoscaler() {
        return client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(namespace).withName(CANDIDATE).get();
    }

    @Test
    void stopsCorrectingARouteAnotherWriterKeepsRevertingUntilANewGeneration() {
        DesiredRelease split = releases.publish(Releases.canary(namespace, "canary", 70));
        reports.await(EventTypes.TRAFFIC_APPLIED, 1);

        try (KubernetesClient argo = clientAs(ARGO_CD)) {
            for (int correction = 1; correction <= 3; correction++) {
                revertToV1(argo);
                int expected = correction;
                await().atMost(Duration.ofSeconds(10)).until(() -> reports.all(EventTypes.TRAFFIC_DRIFT_CORRECTED, 1,
                        Duration.ofMillis(100)).size() == expected && weights(virtualService()).get(0).get("v2") == 30);
            }
            JsonNode contested = reports.await(EventTypes.TRAFFIC_CONDITION, 1);
            assertThat(contested.path("type").asText()).isEqualTo("Contested");
            assertThat(contested.path("status").asText()).isEqualTo("True");
            assertThat(contested.path("message").asText()).contains("VirtualService reviews")
                    .contains("argocd-application-controller").contains("route unnamed #0");

            revertToV1(argo);
            assertThat(reports.all(EventTypes.TRAFFIC_DRIFT_CORRECTED, 1, Duration.ofSeconds(3))).hasSize(3);
            assertThat(weights(virtualService()).get(0)).as("no further writes").isEqualTo(Map.of("v1", 100));
        }

        releases.publish(Releases.next(split, Releases.canary(namespace, "canary", 70).traffic()));
        reports.await(EventTypes.TRAFFIC_APPLIED, 2);
        assertThat(weights(virtualService()).get(0)).isEqualTo(Map.of("v1", 70, "v2", 30));
        JsonNode resumed = reports.await(EventTypes.TRAFFIC_CONDITION, 2);
        assertThat(resumed.path("status").asText()).isEqualTo("False");
    }

    @Test
    void appliesAReleaseOfWhichOnlyItsNewestPhaseChangeIsLeftOnTheTopic() {
        DesiredRelease takenOver = Releases.next(Releases.canary(namespace, "compacted", 70), Intent.TAKEOVER, "v2");

        releases.phaseChangedOnly(takenOver, ReleasePhase.Pending, ReleasePhase.Progressing);

        reports.await(EventTypes.TRAFFIC_APPLIED, 2);
        assertThat(goesTo(ANYONE)).isEqualTo(Map.of("v2", 1.0));
    }

    private void revertToV1(KubernetesClient argo) {
        argo.adapt(io.fabric8.istio.client.IstioClient.class).v1().virtualServices().inNamespace(namespace)
                .withName("reviews").edit(vs -> {
                    vs.getSpec().getHttp().get(0).setRoute(List.of(vs.getSpec().getHttp().get(0).getRoute().get(0)));
                    vs.getSpec().getHttp().get(0).getRoute().get(0).setWeight(null);
                    return vs;
                });
    }

    private void annotateReady(String name, String value) {
        editDeployment(name, d -> {
            Map<String, String> annotations = new java.util.HashMap<>(d.getMetadata().getAnnotations());
            if (value == null) {
                annotations.remove(DeploymentController.READY);
            } else {
                annotations.put(DeploymentController.READY, value);
            }
            d.getMetadata().setAnnotations(annotations);
            return d;
        });
    }

    private static long version(HasMetadata object) {
        return Long.parseLong(object.getMetadata().getResourceVersion());
    }

    private static <T> Watcher<T> recorder(java.util.function.Predicate<T> when, java.util.function.Consumer<T> record) {
        return new Watcher<>() {
            @Override
            public void eventReceived(Action action, T object) {
                if (action != Action.DELETED && when.test(object)) {
                    record.accept(object);
                }
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        };
    }

    /** A writer that reverts a route is contested after three corrections. */
    public static class FewCorrections implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("graylane.contest.corrections", "3");
        }
    }
}
