package io.graylane.release.domain;

import io.graylane.events.EventTypes;
import io.graylane.events.release.Intent;
import io.graylane.events.release.ReleasePhase;
import io.graylane.events.release.TrafficPolicy;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The state machine of a release: which change is allowed in which phase, and where each change or
 * report from traffic-service leads. Pure: it changes the release it is given and touches nothing else.
 */
public final class ReleaseLifecycle {

    private final Clock clock;

    public ReleaseLifecycle(Clock clock) {
        this.clock = clock;
    }

    /** A new release at generation 1, splitting traffic as its policy says. */
    public Transition create(Release release) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        release.createdAt = now;
        release.conditions = new ArrayList<>();
        return accept(release, Action.Created, EventTypes.RELEASE_CREATED, Intent.SPLIT, null,
                release.strategy + ": " + TrafficSummary.of(release.traffic));
    }

    public Transition changeTraffic(Release release, TrafficPolicy traffic) {
        if (release.rolloutMovesTraffic()) {
            throw ReleaseException.notAllowed(release, "release '" + release.name + "' is under a rollout ("
                    + release.rolloutStatus.state() + " at step " + (release.rolloutStatus.step() + 1)
                    + "), which moves its traffic; use pause, resume, approve or abort");
        }
        return splitAnew(release, traffic, TrafficSummary.of(traffic));
    }

    /** The traffic of a rollout's next step, set by the rollout itself. */
    public Transition rolloutStep(Release release, TrafficPolicy traffic, String detail) {
        return splitAnew(release, traffic, detail);
    }

    private Transition splitAnew(Release release, TrafficPolicy traffic, String detail) {
        requireOpen(release);
        requireNotClosing(release, "the traffic can no longer change");
        release.traffic = traffic;
        return accept(release, Action.TrafficChanged, EventTypes.RELEASE_TRAFFIC_CHANGED, Intent.SPLIT, null,
                detail);
    }

    /** All traffic to {@code version}, which becomes the governor; the tutorial's "Take Over". */
    public Transition takeOver(Release release, String version) {
        requireOpen(release);
        requireNotClosing(release, "no version can take over");
        if (release.phase != ReleasePhase.Active && release.phase != ReleasePhase.TakenOver) {
            throw ReleaseException.notAllowed(release, "take over needs the traffic split to be applied first;"
                    + " release '" + release.name + "' is " + release.phase);
        }
        return accept(release, Action.TakeoverRequested, EventTypes.RELEASE_TAKEOVER_REQUESTED, Intent.TAKEOVER,
                version, version + " takes all traffic");
    }

    /** All traffic back to the baseline and the candidate removed; allowed until the release has ended. */
    public Transition rollBack(Release release) {
        requireOpen(release);
        String baseline = release.baseline.version();
        return accept(release, Action.RollbackRequested, EventTypes.RELEASE_ROLLBACK_REQUESTED, Intent.ROLLBACK,
                baseline, "all traffic back to " + baseline + "; candidate " + release.candidate.version()
                        + " removed");
    }

    /** The version that lost the takeover is removed; the tutorial's "Job Offline". */
    public Transition takeOffline(Release release) {
        requireOpen(release);
        if (release.governor == null || release.intent == Intent.ROLLBACK) {
            throw ReleaseException.notAllowed(release, "offline needs a version that took over all traffic;"
                    + " take over first (release '" + release.name + "' is " + release.phase + ")");
        }
        boolean retryingOffline = release.intent == Intent.OFFLINE && release.phase == ReleasePhase.Failed;
        if (release.phase != ReleasePhase.TakenOver && !retryingOffline) {
            throw ReleaseException.notAllowed(release, "offline needs the takeover by " + release.governor
                    + " to be applied first; release '" + release.name + "' is " + release.phase);
        }
        String removed = release.otherVersion(release.governor);
        return accept(release, Action.OfflineRequested, EventTypes.RELEASE_OFFLINE_REQUESTED, Intent.OFFLINE,
                release.governor, removed + " removed; " + release.governor + " keeps all traffic");
    }

    /**
     * The same desired state again at a new generation: traffic-service takes it as new, so it corrects what a
     * Contested condition made it stop correcting and retries what failed.
     */
    public Transition resume(Release release) {
        requireOpen(release);
        return accept(release, Action.ResumeRequested, EventTypes.RELEASE_RESUME_REQUESTED, release.intent,
                release.governor, "generation " + (release.generation + 1) + ": the same desired state, applied anew");
    }

    /**
     * A condition other than Ready that traffic-service observed; recorded when its status or reason changes,
     * also after the release ended (a removed version that comes back). Reports on older generations than
     * the newest are stale.
     */
    public Optional<Transition> condition(Release release, long generation, String type, String status,
            String reason, String message) {
        if (generation < release.generation || Condition.READY.equals(type)) {
            return Optional.empty();
        }
        Optional<Condition> known = release.conditions.stream().filter(c -> c.type().equals(type)).findFirst();
        if (known.isPresent() && known.get().status().equals(status) && known.get().reason().equals(reason)) {
            return Optional.empty();
        }
        OffsetDateTime since = known.filter(c -> c.status().equals(status)).map(Condition::lastTransitionTime)
                .orElse(OffsetDateTime.now(clock));
        List<Condition> kept = new ArrayList<>(release.conditions);
        kept.removeIf(c -> c.type().equals(type));
        kept.add(new Condition(type, status, reason, message, since));
        release.conditions = kept;
        release.updatedAt = OffsetDateTime.now(clock);
        return Optional.of(new Transition(Action.ConditionChanged, null, release.phase, release.phase, reason,
                type + "=" + status + " (" + reason + ")" + (message == null ? "" : ": " + message)));
    }

    /**
     * traffic-service is working on {@code generation}. Once that generation was applied, a report that it is
     * still in progress is an old one delivered late or again: the phase never moves back within a generation.
     */
    public Optional<Transition> progressing(Release release, long generation, String reason, String message) {
        if (!isCurrent(release, generation) || alreadyApplied(release, generation)) {
            return Optional.empty();
        }
        ready(release, "False", reason, message);
        return moveTo(release, ReleasePhase.Progressing, reason, message);
    }

    /** {@code generation} is in effect in the cluster. */
    public Optional<Transition> applied(Release release, long generation, String detail) {
        if (generation > release.observedGeneration && generation <= release.generation) {
            release.observedGeneration = generation;
            release.updatedAt = OffsetDateTime.now(clock);
        }
        if (!isCurrent(release, generation)) {
            return Optional.empty();
        }
        ready(release, "True", "TrafficApplied", detail);
        return moveTo(release, appliedPhase(release.intent), "TrafficApplied", detail);
    }

    /** {@code generation} could not be applied (or no longer is: a failure is news, not a step back). */
    public Optional<Transition> failed(Release release, long generation, String reason, String message,
            boolean retryable) {
        if (!isCurrent(release, generation)) {
            return Optional.empty();
        }
        String detail = message + (retryable ? " (traffic-service keeps retrying)" : "");
        ready(release, "False", reason, detail);
        return moveTo(release, ReleasePhase.Failed, reason, reason + ": " + detail);
    }

    private Transition accept(Release release, Action action, String eventType, Intent intent, String governor,
            String detail) {
        ReleasePhase from = release.phase;
        release.generation++;
        release.intent = intent;
        release.governor = governor;
        release.phase = ReleasePhase.Pending;
        release.updatedAt = OffsetDateTime.now(clock);
        ready(release, "False", "Pending", "generation " + release.generation
                + " accepted; waiting for traffic-service to apply it");
        return new Transition(action, eventType, from, ReleasePhase.Pending, action.name(), detail);
    }

    private Optional<Transition> moveTo(Release release, ReleasePhase to, String reason, String detail) {
        ReleasePhase from = release.phase;
        if (from == to) {
            return Optional.empty();
        }
        release.phase = to;
        release.updatedAt = OffsetDateTime.now(clock);
        return Optional.of(new Transition(Action.PhaseChanged, null, from, to, reason, detail));
    }

    private static boolean alreadyApplied(Release release, long generation) {
        return release.observedGeneration >= generation;
    }

    private static boolean isCurrent(Release release, long generation) {
        return !release.phase.isTerminal() && generation == release.generation;
    }

    private static ReleasePhase appliedPhase(Intent intent) {
        return switch (intent) {
            case SPLIT -> ReleasePhase.Active;
            case TAKEOVER -> ReleasePhase.TakenOver;
            case ROLLBACK -> ReleasePhase.RolledBack;
            case OFFLINE -> ReleasePhase.Completed;
        };
    }

    /** Keeps the Ready condition current; its transition time moves only when its status does. */
    private void ready(Release release, String status, String reason, String message) {
        List<Condition> kept = new ArrayList<>(release.conditions);
        OffsetDateTime since = kept.stream()
                .filter(c -> c.type().equals(Condition.READY) && c.status().equals(status))
                .map(Condition::lastTransitionTime)
                .findFirst().orElse(OffsetDateTime.now(clock));
        kept.removeIf(c -> c.type().equals(Condition.READY));
        kept.add(new Condition(Condition.READY, status, reason, message, since));
        release.conditions = kept;
    }

    private static void requireOpen(Release release) {
        if (release.phase.isTerminal()) {
            throw ReleaseException.notAllowed(release, "release '" + release.name + "' is " + release.phase
                    + ": it has ended and accepts no change");
        }
    }

    private static void requireNotClosing(Release release, String consequence) {
        if (release.intent == Intent.ROLLBACK || release.intent == Intent.OFFLINE) {
            throw ReleaseException.notAllowed(release, "a " + release.intent.name().toLowerCase()
                    + " was requested for release '" + release.name + "' (" + release.phase + "); " + consequence);
        }
    }
}
