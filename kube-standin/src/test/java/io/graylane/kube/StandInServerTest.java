package io.graylane.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The stand-in does to Graylane what a real API server and Deployment controller would. */
class StandInServerTest {

    private static final String NS = "stand-in";
    private static StandInServer server;
    private static KubernetesClient client;

    @BeforeAll
    static void start() {
        server = StandInServer.start(InetAddress.getLoopbackAddress(), 0, Duration.ofMillis(300));
        client = server.client();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void rollsReplicasOutOneAtATimeAndWritesWhatTheDeploymentControllerWrites() {
        List<DeploymentStatus> seen = new CopyOnWriteArrayList<>();
        try (Watch watch = client.apps().deployments().inNamespace(NS).withName("three").watch(recorder(seen))) {
            client.resource(deployment("three", 3)).create();
            await().atMost(Duration.ofSeconds(10)).until(() -> available("three") == 3);
        }
        List<Integer> available = seen.stream().filter(s -> s != null && s.getAvailableReplicas() != null)
                .map(DeploymentStatus::getAvailableReplicas).distinct().toList();
        assertThat(available).containsExactly(0, 1, 2, 3);
        Deployment done = client.apps().deployments().inNamespace(NS).withName("three").get();
        assertThat(done.getStatus().getObservedGeneration()).isEqualTo(done.getMetadata().getGeneration());
        assertThat(done.getStatus().getUpdatedReplicas()).isEqualTo(3);
        assertThat(done.getStatus().getReadyReplicas()).isEqualTo(3);
        assertThat(condition(done, "Available").getStatus()).isEqualTo("True");
        assertThat(condition(done, "Progressing").getReason()).isEqualTo("NewReplicaSetAvailable");
    }

    /**
     * A status write from a read older than the object is refused, as the API server refuses it; a current one
     * changes the status only: a controller's stale copy never undoes another writer's scale.
     */
    @Test
    void aStatusWriteChangesTheStatusOnlyAndNotFromAStaleRead() {
        client.resource(deployment("scaled", 1)).create();
        await().atMost(Duration.ofSeconds(10)).until(() -> Integer.valueOf(1).equals(client.apps().deployments()
                .inNamespace(NS).withName("scaled").get().getStatus().getAvailableReplicas()));
        Deployment stale = client.apps().deployments().inNamespace(NS).withName("scaled").get();
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> client.apps().deployments()
                .inNamespace(NS).withName("scaled").edit(d -> {
                    d.getSpec().setReplicas(2);
                    return d;
                }) != null);
        Deployment staleStatus = new DeploymentBuilder(stale).withNewStatus().withReplicas(7).endStatus().build();
        assertThatThrownBy(() -> client.resource(staleStatus).subresource("status").update())
                .isInstanceOf(KubernetesClientException.class).hasMessageContaining("409");

        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().untilAsserted(() -> {
            Deployment fresh = client.apps().deployments().inNamespace(NS).withName("scaled").get();
            fresh.getSpec().setReplicas(5);
            fresh.setStatus(new DeploymentStatus());
            fresh.getStatus().setObservedGeneration(99L);
            client.resource(fresh).subresource("status").update();
        });
        Deployment after = client.apps().deployments().inNamespace(NS).withName("scaled").get();
        assertThat(after.getSpec().getReplicas()).as("a status write does not change the spec").isEqualTo(2);
        assertThat(after.getStatus().getObservedGeneration()).as("until the controller writes it again")
                .isIn(99L, after.getMetadata().getGeneration());
    }

    @Test
    void anAnnotationHoldsADeploymentUnreadyOrMakesItMissItsDeadline() {
        client.resource(deployment("held", 1)).create();
        await().atMost(Duration.ofSeconds(10)).until(() -> available("held") == 1);

        annotate("held", "false");
        await().atMost(Duration.ofSeconds(10)).until(() -> available("held") == 0);
        assertThat(condition(get("held"), "Available").getStatus()).isEqualTo("False");
        assertThat(get("held").getStatus().getReadyReplicas()).isZero();

        annotate("held", null);
        await().atMost(Duration.ofSeconds(10)).until(() -> available("held") == 1);

        annotate("held", "fail");
        await().atMost(Duration.ofSeconds(10)).until(() -> "ProgressDeadlineExceeded".equals(
                condition(get("held"), "Progressing").getReason()));
        assertThat(condition(get("held"), "Progressing").getStatus()).isEqualTo("False");
    }

    @Test
    void aHoldWorksBeforeTheDeploymentExists() {
        server.deployments().hold(NS, "later", false);
        client.resource(deployment("later", 1)).create();
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> available("later") == 0);
        server.deployments().release(NS, "later");
        await().atMost(Duration.ofSeconds(10)).until(() -> available("later") == 1);
    }

    @Test
    void refusesToChangeASelectorOrToSelectOtherPodsThanTheTemplates() {
        client.resource(deployment("fixed", 1)).create();

        assertThatThrownBy(() -> client.apps().deployments().inNamespace(NS).withName("fixed").edit(d -> {
            d.getSpec().getSelector().getMatchLabels().put("version", "v9");
            d.getSpec().getTemplate().getMetadata().getLabels().put("version", "v9");
            return d;
        })).isInstanceOfSatisfying(KubernetesClientException.class, e -> {
            assertThat(e.getCode()).isEqualTo(422);
            assertThat(e.getMessage()).contains("spec.selector").contains("field is immutable");
        });
        Deployment mismatched = deployment("mismatched", 1);
        mismatched.getSpec().getTemplate().getMetadata().getLabels().put("version", "v9");
        assertThatThrownBy(() -> client.resource(mismatched).create())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(422);
                    assertThat(e.getMessage()).contains("`selector` does not match template `labels`");
                });
    }

    @Test
    void aWriteOfTheWholeObjectKeepsItsStatusAndOnlyASpecChangeMovesItsGeneration() {
        client.resource(deployment("kept", 1)).create();
        await().atMost(Duration.ofSeconds(10)).until(() -> available("kept") == 1);
        Deployment ready = get("kept");

        Deployment labelled = new DeploymentBuilder(ready).withStatus(null).editMetadata().addToLabels("team", "a")
                .endMetadata().build();
        Deployment written = client.resource(labelled).update();
        assertThat(written.getStatus().getAvailableReplicas()).isEqualTo(1);
        assertThat(written.getMetadata().getGeneration()).isEqualTo(ready.getMetadata().getGeneration());

        Deployment scaled = client.apps().deployments().inNamespace(NS).withName("kept")
                .edit(d -> new DeploymentBuilder(d).editSpec().withReplicas(2).endSpec().build());
        assertThat(scaled.getMetadata().getGeneration()).isEqualTo(ready.getMetadata().getGeneration() + 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> available("kept") == 2
                && get("kept").getStatus().getObservedGeneration().equals(scaled.getMetadata().getGeneration()));
    }

    @Test
    void recordsWhoWroteAnObjectInItsManagedFields() {
        client.resource(deployment("owned", 1)).create();
        await().atMost(Duration.ofSeconds(10)).until(() -> available("owned") == 1);
        try (KubernetesClient argo = clientAs("argocd-application-controller/v2.13.0")) {
            argo.apps().deployments().inNamespace(NS).withName("owned").edit(d -> new DeploymentBuilder(d).editSpec()
                    .withReplicas(4).endSpec().build());
        }
        List<ManagedFieldsEntry> entries = get("owned").getMetadata().getManagedFields();
        assertThat(entries).extracting(ManagedFieldsEntry::getManager)
                .containsExactlyInAnyOrder("graylane-stand-in", "argocd-application-controller");
        ManagedFieldsEntry argo = entries.stream().filter(e -> e.getManager().startsWith("argocd")).findFirst()
                .orElseThrow();
        assertThat(argo.getOperation()).isEqualTo("Update");
        assertThat(argo.getTime()).isNotBlank();
        assertThat(argo.getFieldsV1().getAdditionalProperties()).containsKey("f:spec");
    }

    @Test
    void aFieldChangedByAnotherManagerBelongsToItAlone() {
        client.resource(deployment("moved", 1)).create();
        try (KubernetesClient graylane = clientAs("graylane-traffic-service/1");
                KubernetesClient argo = clientAs("argocd-application-controller/v2.13.0")) {
            graylane.apps().deployments().inNamespace(NS).withName("moved").edit(d -> new DeploymentBuilder(d)
                    .editSpec().withReplicas(0).endSpec().build());
            assertThat(ownersOf("moved", "f:replicas")).containsExactly("graylane-traffic-service");
            argo.apps().deployments().inNamespace(NS).withName("moved").edit(d -> new DeploymentBuilder(d)
                    .editSpec().withReplicas(1).endSpec().build());
        }

        assertThat(ownersOf("moved", "f:replicas")).as("the server moves a field's ownership to its last writer")
                .containsExactly("argocd-application-controller");
        assertThat(get("moved").getMetadata().getManagedFields()).extracting(ManagedFieldsEntry::getManager)
                .as("an entry left owning nothing goes").doesNotContain("graylane-traffic-service")
                .contains("graylane-stand-in");
    }

    /** The managers whose fieldsV1 name {@code f:spec.<field>}. */
    private List<String> ownersOf(String name, String field) {
        return get(name).getMetadata().getManagedFields().stream().filter(entry -> {
            Object spec = entry.getFieldsV1().getAdditionalProperties().get("f:spec");
            return spec instanceof java.util.Map<?, ?> fields && fields.containsKey(field);
        }).map(ManagedFieldsEntry::getManager).toList();
    }

    private static KubernetesClient clientAs(String userAgent) {
        Config config = new ConfigBuilder(Config.empty()).withMasterUrl(server.url()).withUserAgent(userAgent).build();
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    private static Watcher<Deployment> recorder(List<DeploymentStatus> seen) {
        return new Watcher<>() {
            @Override
            public void eventReceived(Action action, Deployment deployment) {
                seen.add(deployment.getStatus());
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        };
    }

    private static void annotate(String name, String value) {
        client.apps().deployments().inNamespace(NS).withName(name).edit(d -> {
            if (value == null) {
                d.getMetadata().getAnnotations().remove(DeploymentController.READY);
            } else {
                d.getMetadata().setAnnotations(new java.util.HashMap<>(Map.of(DeploymentController.READY, value)));
            }
            return d;
        });
    }

    private static Deployment get(String name) {
        return client.apps().deployments().inNamespace(NS).withName(name).get();
    }

    private static int available(String name) {
        Deployment deployment = get(name);
        return deployment == null || deployment.getStatus() == null || deployment.getStatus().getAvailableReplicas()
                == null ? -1 : deployment.getStatus().getAvailableReplicas();
    }

    private static DeploymentCondition condition(Deployment deployment, String type) {
        return deployment.getStatus().getConditions().stream().filter(c -> c.getType().equals(type)).findFirst()
                .orElseThrow();
    }

    static Deployment deployment(String name, int replicas) {
        return new DeploymentBuilder().withNewMetadata().withName(name).withNamespace(NS).endMetadata()
                .withNewSpec().withReplicas(replicas)
                .withNewSelector().addToMatchLabels("app", name).addToMatchLabels("version", "v1").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", name).addToLabels("version", "v1").endMetadata()
                .withNewSpec().addNewContainer().withName(name).withImage("example/" + name + ":1").endContainer()
                .endSpec().endTemplate().endSpec().build();
    }
}
