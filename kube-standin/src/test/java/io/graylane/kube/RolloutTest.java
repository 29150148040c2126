package io.graylane.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RolloutTest {

    private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");
    private static final Duration STARTUP = Duration.ofSeconds(2);

    @Test
    void bringsReplicasUpOneAtATimeAndMakesThemAvailableAfterMinReadySeconds() {
        Rollout rollout = new Rollout("reviews-v2", STARTUP);
        rollout.observe("template-1", 3, 1, 1, T0);

        assertThat(counts(rollout, 0)).isEqualTo("updated 1 ready 0 available 0");
        assertThat(counts(rollout, 2)).isEqualTo("updated 1 ready 1 available 0");
        assertThat(counts(rollout, 3)).isEqualTo("updated 2 ready 1 available 1");
        assertThat(counts(rollout, 5)).isEqualTo("updated 2 ready 2 available 1");
        assertThat(counts(rollout, 6)).isEqualTo("updated 3 ready 2 available 2");
        assertThat(counts(rollout, 9)).isEqualTo("updated 3 ready 3 available 3");
        assertThat(condition(rollout.status(Rollout.Readiness.NORMAL, at(9)), "Progressing").getReason())
                .isEqualTo("NewReplicaSetAvailable");
        assertThat(rollout.nextChange(at(9))).isEmpty();
        assertThat(rollout.nextChange(at(0))).contains(at(2));
        assertThat(rollout.nextChange(at(2))).contains(at(3));
    }

    @Test
    void aNewTemplateReplacesOldPodsOnlyAsNewOnesBecomeAvailable() {
        Rollout rollout = new Rollout("reviews-v2", STARTUP);
        rollout.observe("template-1", 2, 0, 1, T0);
        rollout.observe("template-2", 2, 0, 2, at(10));

        DeploymentStatus status = rollout.status(Rollout.Readiness.NORMAL, at(10));
        assertThat(status.getObservedGeneration()).isEqualTo(2);
        assertThat(counts(rollout, 10)).isEqualTo("updated 1 ready 2 available 2");
        assertThat(counts(rollout, 12)).isEqualTo("updated 2 ready 2 available 2");
        assertThat(rollout.status(Rollout.Readiness.NORMAL, at(12)).getReplicas()).isEqualTo(3);
        assertThat(counts(rollout, 14)).isEqualTo("updated 2 ready 2 available 2");
        assertThat(rollout.status(Rollout.Readiness.NORMAL, at(14)).getReplicas()).isEqualTo(2);
    }

    @Test
    void heldUnreadyItHasNoReadyReplicaAndHeldToFailItExceedsItsDeadline() {
        Rollout rollout = new Rollout("reviews-v2", STARTUP);
        rollout.observe("template-1", 1, 0, 1, T0);

        DeploymentStatus unready = rollout.status(Rollout.Readiness.UNREADY, at(10));
        assertThat(unready.getAvailableReplicas()).isZero();
        assertThat(unready.getReadyReplicas()).isZero();
        assertThat(condition(unready, "Available").getStatus()).isEqualTo("False");

        DeploymentStatus failed = rollout.status(Rollout.Readiness.FAIL, at(10));
        DeploymentCondition progressing = condition(failed, "Progressing");
        assertThat(progressing.getStatus()).isEqualTo("False");
        assertThat(progressing.getReason()).isEqualTo("ProgressDeadlineExceeded");

        assertThat(counts(rollout, 10)).isEqualTo("updated 1 ready 1 available 1");
    }

    private static String counts(Rollout rollout, int second) {
        DeploymentStatus status = rollout.status(Rollout.Readiness.NORMAL, at(second));
        return "updated " + status.getUpdatedReplicas() + " ready " + status.getReadyReplicas() + " available "
                + status.getAvailableReplicas();
    }

    private static DeploymentCondition condition(DeploymentStatus status, String type) {
        return status.getConditions().stream().filter(c -> c.getType().equals(type)).findFirst().orElseThrow();
    }

    private static Instant at(int second) {
        return T0.plusSeconds(second);
    }
}
