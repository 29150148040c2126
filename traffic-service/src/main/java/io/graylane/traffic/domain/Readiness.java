package io.graylane.traffic.domain;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import java.util.List;

/**
 * Whether a Deployment is ready for traffic, as {@code kubectl rollout status} judges a rollout done
 * (kubernetes/kubectl {@code pkg/polymorphichelpers/rollout_status.go}): the controller observed the newest
 * generation, every replica runs the newest template, and every replica is available. A rollout past its
 * progress deadline has failed. A Deployment scaled to zero can carry no traffic, so it is not ready either.
 */
public sealed interface Readiness {

    /** All replicas of the newest template are available. */
    record Ready() implements Readiness {
    }

    /** Not yet: the message says what it waits for. */
    record NotReady(String message) implements Readiness {
    }

    /** The rollout exceeded its progress deadline. */
    record Failed(String message) implements Readiness {
    }

    static Readiness of(Deployment deployment) {
        String name = "Deployment " + deployment.getMetadata().getName();
        DeploymentStatus status = deployment.getStatus();
        long generation = deployment.getMetadata().getGeneration() == null ? 0 : deployment.getMetadata().getGeneration();
        if (status == null || status.getObservedGeneration() == null || status.getObservedGeneration() < generation) {
            return new NotReady(name + ": waiting for the Deployment controller to observe generation " + generation);
        }
        List<DeploymentCondition> conditions = status.getConditions() == null ? List.of() : status.getConditions();
        for (DeploymentCondition condition : conditions) {
            if ("Progressing".equals(condition.getType()) && "ProgressDeadlineExceeded".equals(condition.getReason())) {
                return new Failed(name + " exceeded its progress deadline"
                        + (condition.getMessage() == null ? "" : ": " + condition.getMessage()));
            }
        }
        int replicas = deployment.getSpec().getReplicas() == null ? 1 : deployment.getSpec().getReplicas();
        int updated = count(status.getUpdatedReplicas());
        int available = count(status.getAvailableReplicas());
        if (replicas == 0) {
            return new NotReady(name + " is scaled to zero");
        }
        if (updated < replicas) {
            return new NotReady(name + ": " + updated + " of " + replicas + " new replicas updated");
        }
        if (count(status.getReplicas()) > updated) {
            return new NotReady(name + ": " + (count(status.getReplicas()) - updated)
                    + " old replicas pending termination");
        }
        if (available < replicas) {
            return new NotReady(name + ": " + available + " of " + replicas + " replicas available");
        }
        return new Ready();
    }

    private static int count(Integer value) {
        return value == null ? 0 : value;
    }
}
