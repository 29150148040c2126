package io.graylane.kube;

import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The pods of one Deployment as the stand-in imagines them, and the status Kubernetes' Deployment controller
 * would write for them. A rollout replaces pods one at a time, as {@code maxSurge: 1, maxUnavailable: 0}
 * does: a new pod starts, is ready {@code podStartup} later and available {@code minReadySeconds} after
 * that; only then does one pod of the previous template go and the next new pod start. Pure: time is given.
 */
final class Rollout {

    /** How the stand-in is told to make the pods behave. */
    enum Readiness {
        /** Pods become ready as they start. */
        NORMAL,
        /** No pod is ready, even those that were. */
        UNREADY,
        /** No pod becomes ready and the rollout exceeds its progress deadline. */
        FAIL
    }

    private final String name;
    private final Duration podStartup;
    private String template;
    private long generation;
    private int replicas;
    private Duration minReady = Duration.ZERO;
    /** When the current rollout started; pods of the template available then; pods of the previous one. */
    private Instant start;
    private int base;
    private int old;
    private final List<DeploymentCondition> conditions = new ArrayList<>();

    Rollout(String name, Duration podStartup) {
        this.name = name;
        this.podStartup = podStartup;
    }

    /** Takes a Deployment's spec as of {@code now}: a new pod template or replica count starts a rollout. */
    void observe(String podTemplate, int wantedReplicas, int minReadySeconds, long observedGeneration, Instant now) {
        generation = observedGeneration;
        if (template != null && template.equals(podTemplate) && wantedReplicas == replicas) {
            return;
        }
        if (template == null) {
            base = 0;
            old = 0;
        } else if (!template.equals(podTemplate)) {
            old = newAvailable(now) + oldLeft(now);
            base = 0;
        } else {
            int available = newAvailable(now);
            old = Math.min(oldLeft(now), Math.max(0, wantedReplicas - available));
            base = Math.min(wantedReplicas, available);
        }
        minReady = Duration.ofSeconds(minReadySeconds);
        template = podTemplate;
        replicas = wantedReplicas;
        start = now;
    }

    /** The status the Deployment controller would write now. */
    DeploymentStatus status(Readiness readiness, Instant now) {
        boolean normal = readiness == Readiness.NORMAL;
        int oldLeft = oldLeft(now);
        int ready = normal ? newReady(now) + oldLeft : 0;
        int available = normal ? newAvailable(now) + oldLeft : 0;
        boolean minimum = available >= replicas - replicas / 4;
        condition("Available", minimum ? "True" : "False",
                minimum ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable",
                minimum ? "Deployment has minimum availability." : "Deployment does not have minimum availability.",
                now);
        String replicaSet = "ReplicaSet \"" + name + "-" + Integer.toHexString(Objects.hashCode(template) & 0xfffffff)
                + "\"";
        if (readiness == Readiness.FAIL) {
            condition("Progressing", "False", "ProgressDeadlineExceeded", replicaSet + " has timed out progressing.",
                    now);
        } else if (normal && complete(now)) {
            condition("Progressing", "True", "NewReplicaSetAvailable", replicaSet + " has successfully progressed.",
                    now);
        } else {
            condition("Progressing", "True", "ReplicaSetUpdated", replicaSet + " is progressing.", now);
        }
        int created = newCreated(now);
        return new DeploymentStatusBuilder().withObservedGeneration(generation).withReplicas(created + oldLeft)
                .withUpdatedReplicas(created).withReadyReplicas(ready).withAvailableReplicas(available)
                .withUnavailableReplicas(available >= replicas ? null : replicas - available)
                .withConditions(List.copyOf(conditions)).build();
    }

    /** When the pods next change by themselves, if they still do. */
    Optional<Instant> nextChange(Instant now) {
        if (start == null || complete(now)) {
            return Optional.empty();
        }
        long period = period().toMillis();
        long k = Math.max(0, Duration.between(start, now).toMillis()) / period;
        Instant ready = start.plusMillis(k * period + podStartup.toMillis());
        Instant available = start.plusMillis((k + 1) * period);
        return Optional.of(ready.isAfter(now) ? ready : available);
    }

    private boolean complete(Instant now) {
        return newAvailable(now) == replicas && oldLeft(now) == 0;
    }

    private int need() {
        return Math.max(0, replicas - base);
    }

    /** One new pod per period: it starts, becomes ready, becomes available; then the next one starts. */
    private Duration period() {
        return podStartup.plus(minReady);
    }

    private long elapsedPeriods(Instant now, Duration offset) {
        long elapsed = Duration.between(start.plus(offset), now).toMillis();
        return elapsed < 0 ? -1 : elapsed / period().toMillis();
    }

    private int newCreated(Instant now) {
        return base + (int) Math.min(need(), elapsedPeriods(now, Duration.ZERO) + 1);
    }

    private int newReady(Instant now) {
        return base + (int) Math.min(need(), elapsedPeriods(now, podStartup) + 1);
    }

    private int newAvailable(Instant now) {
        return base + (int) Math.min(need(), Math.max(0, elapsedPeriods(now, Duration.ZERO)));
    }

    /** Pods of the previous template: one goes as each new pod becomes available. */
    private int oldLeft(Instant now) {
        return Math.max(0, old - (newAvailable(now) - base));
    }

    /** Sets a condition; its transition time moves only when its status does. */
    private void condition(String type, String status, String reason, String message, Instant now) {
        Optional<DeploymentCondition> existing = conditions.stream().filter(c -> c.getType().equals(type)).findFirst();
        if (existing.isPresent() && existing.get().getStatus().equals(status)
                && existing.get().getReason().equals(reason)) {
            return;
        }
        String since = existing.filter(c -> c.getStatus().equals(status))
                .map(DeploymentCondition::getLastTransitionTime).orElse(now.toString());
        existing.ifPresent(conditions::remove);
        conditions.add(new DeploymentConditionBuilder().withType(type).withStatus(status).withReason(reason)
                .withMessage(message).withLastUpdateTime(now.toString()).withLastTransitionTime(since).build());
        conditions.sort(Comparator.comparing(DeploymentCondition::getType));
    }
}
