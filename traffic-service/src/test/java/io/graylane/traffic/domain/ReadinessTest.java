package io.graylane.traffic.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import org.junit.jupiter.api.Test;

/** Readiness as kubectl rollout status judges it. */
class ReadinessTest {

    @Test
    void readyOnlyWhenEveryReplicaOfTheObservedGenerationIsAvailable() {
        assertThat(Readiness.of(deployment(3, 2, 3, 3, 3, 3, null))).isInstanceOf(Readiness.NotReady.class)
                .asString().contains("observe generation 3");
        assertThat(Readiness.of(deployment(3, 3, 3, 2, 3, 2, null))).asString().contains("2 of 3 new replicas updated");
        assertThat(Readiness.of(deployment(3, 3, 4, 3, 3, 3, null))).asString().contains("1 old replicas pending");
        assertThat(Readiness.of(deployment(3, 3, 3, 3, 3, 1, null))).asString().contains("1 of 3 replicas available");
        assertThat(Readiness.of(deployment(3, 3, 3, 3, 3, 3, null))).isInstanceOf(Readiness.Ready.class);
        assertThat(Readiness.of(deployment(0, 3, 0, 0, 0, 0, null))).asString().contains("scaled to zero");
    }

    @Test
    void aRolloutPastItsDeadlineHasFailed() {
        assertThat(Readiness.of(deployment(3, 3, 3, 1, 0, 0, "ProgressDeadlineExceeded")))
                .isInstanceOf(Readiness.Failed.class).asString().contains("progress deadline");
    }

    private static Deployment deployment(int replicas, long observed, int total, int updated, int ready,
            int available, String progressing) {
        DeploymentBuilder builder = new DeploymentBuilder().withNewMetadata().withName("reviews-v2").withGeneration(3L)
                .endMetadata().withNewSpec().withReplicas(replicas).endSpec().withNewStatus()
                .withObservedGeneration(observed).withReplicas(total).withUpdatedReplicas(updated)
                .withReadyReplicas(ready).withAvailableReplicas(available).endStatus();
        if (progressing != null) {
            builder.editStatus().addNewCondition().withType("Progressing").withStatus("False").withReason(progressing)
                    .endCondition().endStatus();
        }
        return builder.build();
    }
}
