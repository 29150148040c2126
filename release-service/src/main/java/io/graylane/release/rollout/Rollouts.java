package io.graylane.release.rollout;

import io.graylane.events.analysis.AnalysisVerdict;
import io.graylane.events.analysis.CheckVerdict;
import io.graylane.events.release.Intent;
import io.graylane.events.release.ReleasePhase;
import io.graylane.events.release.ReleaseValidator;
import io.graylane.events.release.Rollout;
import io.graylane.events.release.RolloutState;
import io.graylane.release.domain.Release;
import io.graylane.release.domain.ReleaseException;
import io.graylane.release.domain.ReleaseJournal;
import io.graylane.release.domain.ReleaseLifecycle;
import io.graylane.release.domain.RolloutPlan;
import io.graylane.release.domain.RolloutStatus;
import io.graylane.release.domain.Transition;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rollout driver: moves releases step by step on the judge's verdicts and the steps' timers, and carries
 * out people's pause, resume, approve and abort. Every move runs in the transaction that locks the release, and
 * is recorded as a decision ({@link RolloutJournal}); webhook gates are asked before, outside any transaction.
 */
@ApplicationScoped
public class Rollouts {

    /** The actor of decisions taken on the judge's verdicts and the step's timers (advance, extend, pause, promote, rollback). */
    public static final String JUDGE = "judge";
    /** The actor of what follows from gates and reports (start, hold, offline, complete). */
    public static final String RELEASE_SERVICE = "release-service";

    private final ReleaseLifecycle lifecycle;
    private final ReleaseJournal journal;
    private final RolloutJournal decisions;
    private final Clock clock;

    Rollouts(ReleaseLifecycle lifecycle, ReleaseJournal journal, RolloutJournal decisions, Clock clock) {
        this.lifecycle = lifecycle;
        this.journal = journal;
        this.decisions = decisions;
        this.clock = clock;
    }

    /**
     * Something due on a rollout: its step to start (after {@code gates}), or a move of the plan (a promotion
     * after {@code gates}). Taken from a read; carried out only if the rollout is still where it was.
     */
    public record Due(String namespace, String name, long stepGeneration, boolean start, RolloutPlan.Move move,
            List<Rollout.Webhook> gates, WebhookCall call) {
    }

    /** The judge's verdict on a step: kept with the step; a FAIL rolls back at once, the rest waits for timers. */
    @Transactional
    public void verdict(AnalysisVerdict verdict) {
        Optional<Release> found = Release.findByNameForUpdate(verdict.namespace(), verdict.name());
        if (found.isEmpty()) {
            return;
        }
        Release release = found.get();
        RolloutStatus status = release.rolloutStatus;
        if (status == null || status.state() != RolloutState.Analysing
                || verdict.generation() != status.stepGeneration()) {
            return;
        }
        release.rolloutStatus = status.withVerdict(verdict);
        RolloutPlan.Next next = RolloutPlan.next(release.rollout, release.rolloutStatus, now());
        if (next.move() == RolloutPlan.Move.ROLLBACK) {
            act(release, next, JUDGE);
        }
    }

    /** What is due on every rollout now, read without locks. */
    @Transactional
    public List<Due> due() {
        List<Due> due = new ArrayList<>();
        OffsetDateTime now = now();
        for (Release release : Release.underRollout()) {
            RolloutStatus status = release.rolloutStatus;
            if (status == null || status.state() != RolloutState.Analysing) {
                continue;
            }
            if (status.stepStartedAt() == null) {
                if (release.phase == ReleasePhase.Active && release.observedGeneration >= status.stepGeneration()) {
                    List<Rollout.Webhook> gates = status.step() == 0
                            ? concat(WebhookCall.of(release.rollout, Rollout.WebhookType.CONFIRM_ROLLOUT),
                                    WebhookCall.of(release.rollout, Rollout.WebhookType.PRE_ROLLOUT))
                            : WebhookCall.of(release.rollout, Rollout.WebhookType.ROLLOUT);
                    due.add(new Due(release.namespace, release.name, status.stepGeneration(), true, null, gates,
                            RolloutJournal.call(release, "start", null)));
                }
                continue;
            }
            RolloutPlan.Next next = RolloutPlan.next(release.rollout, status, now);
            if (next.move() != RolloutPlan.Move.NONE) {
                List<Rollout.Webhook> gates = next.move() == RolloutPlan.Move.PROMOTE
                        ? WebhookCall.of(release.rollout, Rollout.WebhookType.CONFIRM_PROMOTION) : List.of();
                due.add(new Due(release.namespace, release.name, status.stepGeneration(), false, next.move(), gates,
                        RolloutJournal.call(release, next.move().name().toLowerCase(), next.reason())));
            }
        }
        return due;
    }

    /** Carries out what was due, if the rollout is still where it was; {@code refusal} is a gate's. */
    @Transactional
    public void carryOut(Due due, Optional<String> refusal) {
        Optional<Release> found = Release.findByNameForUpdate(due.namespace(), due.name());
        if (found.isEmpty()) {
            return;
        }
        Release release = found.get();
        RolloutStatus status = release.rolloutStatus;
        if (status == null || status.state() != RolloutState.Analysing
                || status.stepGeneration() != due.stepGeneration()
                || (status.stepStartedAt() == null) != due.start()) {
            return;
        }
        if (refusal.isPresent()) {
            hold(release, refusal.get());
            return;
        }
        if (due.start()) {
            release.rolloutStatus = status.startedAt(now());
            decisions.decided(release, "start", RELEASE_SERVICE, "step " + (status.step() + 1) + " of "
                    + release.rollout.steps().size() + " in effect: " + RolloutPlan.weight(release.rollout, status)
                    + "% to the candidate; the judge counts from here", List.of());
            return;
        }
        RolloutPlan.Next next = RolloutPlan.next(release.rollout, status, now());
        if (next.move() == due.move()) {
            act(release, next, JUDGE);
        }
    }

    /** traffic-service reported on the release (in its transaction): a promotion goes on, an ending is noted. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void reported(Release release) {
        RolloutStatus status = release.rolloutStatus;
        if (status == null) {
            return;
        }
        if (status.state() == RolloutState.Promoting && release.phase == ReleasePhase.TakenOver
                && release.intent == Intent.TAKEOVER) {
            Transition offline = lifecycle.takeOffline(release);
            journal.record(release, offline, RELEASE_SERVICE);
            decisions.decided(release, "offline", RELEASE_SERVICE, offline.detail(), List.of());
        } else if (status.state() == RolloutState.Promoting && release.phase == ReleasePhase.Completed) {
            release.rolloutStatus = status.in(RolloutState.Done, "promoted: " + release.governor
                    + " takes all traffic, " + release.otherVersion(release.governor) + " removed");
            decisions.decided(release, "complete", RELEASE_SERVICE, release.rolloutStatus.reason(), List.of());
        } else if (status.state() == RolloutState.Analysing && release.phase == ReleasePhase.Failed) {
            release.rolloutStatus = status.in(RolloutState.Paused, "traffic-service could not apply step "
                    + (status.step() + 1) + "; resume to try again, abort to roll back");
            decisions.decided(release, "pause", RELEASE_SERVICE, release.rolloutStatus.reason(), List.of());
        } else if (release.phase == ReleasePhase.RolledBack && status.state() != RolloutState.Aborted) {
            release.rolloutStatus = status.in(RolloutState.Aborted, "rolled back");
            decisions.decided(release, "rollback", RELEASE_SERVICE, "rolled back", List.of());
        }
    }

    /** A person stops the rollout where it is; the traffic stays as it is. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void pause(Release release, String actor) {
        RolloutStatus status = requireRollout(release);
        if (status.state() != RolloutState.Analysing) {
            throw ReleaseException.notAllowed(release, "only an analysing rollout can be paused; release '"
                    + release.name + "' is " + status.state());
        }
        release.rolloutStatus = status.in(RolloutState.Paused, "paused by " + actor);
        decisions.decided(release, "pause", actor, release.rolloutStatus.reason(), List.of());
    }

    /**
     * A resume (the release's own: the same state at a new generation) also restarts its rollout's step: judged
     * anew on the counts from when the new generation is applied, with its timers from then.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void resumed(Release release, String actor) {
        RolloutStatus status = release.rolloutStatus;
        if (status == null || !release.rolloutMovesTraffic()) {
            return;
        }
        release.rolloutStatus = RolloutStatus.step(status.step(), release.generation, "step " + (status.step() + 1)
                + " judged anew from generation " + release.generation + ", resumed by " + actor);
        decisions.decided(release, "resume", actor, release.rolloutStatus.reason(), List.of());
    }

    /**
     * A person skips the rest of the step (advance to the next) or, at the last step, promotes (which a MANUAL
     * promotion waits for). {@code refusal} is the confirm-promotion gates' answer, asked before.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void approve(Release release, String actor, Optional<String> refusal) {
        RolloutStatus status = requireRollout(release);
        if (!release.rolloutMovesTraffic() || release.phase.isTerminal()) {
            throw ReleaseException.notAllowed(release, "nothing to approve: the rollout of release '" + release.name
                    + "' is " + status.state());
        }
        boolean last = status.step() == release.rollout.steps().size() - 1;
        if (last && refusal.isPresent()) {
            throw ReleaseException.notAllowed(release, "promotion held: " + refusal.get());
        }
        RolloutPlan.Next next = last ? new RolloutPlan.Next(RolloutPlan.Move.PROMOTE, "approved by " + actor)
                : new RolloutPlan.Next(RolloutPlan.Move.ADVANCE, "approved by " + actor + ": the rest of step "
                        + (status.step() + 1) + " skipped");
        release.rolloutStatus = status.in(RolloutState.Analysing, status.reason());
        act(release, next, actor);
    }

    /** The gates asked before an approval at the last step. */
    public List<Rollout.Webhook> approvalGates(Release release) {
        RolloutStatus status = requireRollout(release);
        return status.step() == release.rollout.steps().size() - 1
                ? WebhookCall.of(release.rollout, Rollout.WebhookType.CONFIRM_PROMOTION) : List.of();
    }

    /** A person's rollback (abort, or the release's own rollback): the rollout ends Aborted. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void rolledBack(Release release, String actor) {
        RolloutStatus status = release.rolloutStatus;
        if (status == null || status.state() == RolloutState.Aborted) {
            return;
        }
        release.rolloutStatus = status.in(RolloutState.Aborted, "aborted by " + actor);
        decisions.decided(release, "rollback", actor, release.rolloutStatus.reason(), List.of());
    }

    private void act(Release release, RolloutPlan.Next next, String actor) {
        RolloutStatus status = release.rolloutStatus;
        List<CheckVerdict> verdicts = status.lastVerdict() == null ? List.of() : status.lastVerdict().checks();
        switch (next.move()) {
            case NONE -> {
            }
            case EXTEND -> {
                release.rolloutStatus = status.extendedBecause(next.reason());
                decisions.decided(release, "extend", actor, next.reason(), verdicts);
            }
            case ADVANCE -> {
                Map<String, Integer> weights = release.traffic.weights();
                int step = status.step() + 1;
                Transition moved = lifecycle.rolloutStep(release, ReleaseValidator.stepTraffic(release.baseline,
                        release.candidate, release.rollout, step), "rollout step " + (step + 1) + " of "
                                + release.rollout.steps().size() + ": " + release.rollout.steps().get(step)
                                + "% to the candidate");
                journal.record(release, moved, actor);
                release.rolloutStatus = RolloutStatus.step(step, release.generation, "step " + (step + 1) + " of "
                        + release.rollout.steps().size() + " being applied");
                decisions.decided(release, status.step(), weights, "advance", actor, next.reason(), verdicts);
            }
            case PROMOTE -> {
                Transition takeover = lifecycle.takeOver(release, release.candidate.version());
                journal.record(release, takeover, actor);
                release.rolloutStatus = status.in(RolloutState.Promoting, next.reason());
                decisions.decided(release, "promote", actor, next.reason(), verdicts);
            }
            case AWAIT_APPROVAL, PAUSE -> {
                release.rolloutStatus = status.in(RolloutState.Paused, next.reason());
                decisions.decided(release, "pause", actor, next.reason(), verdicts);
            }
            case ROLLBACK -> {
                Transition rollback = lifecycle.rollBack(release);
                journal.record(release, rollback, actor);
                release.rolloutStatus = status.in(RolloutState.Aborted, next.reason());
                decisions.decided(release, "rollback", actor, next.reason(), verdicts);
            }
        }
    }

    /** A gate refused: the rollout holds where it is, said once per refusal. */
    private void hold(Release release, String refusal) {
        RolloutStatus status = release.rolloutStatus;
        if (refusal.equals(status.held())) {
            return;
        }
        release.rolloutStatus = status.heldBy(refusal, "held: " + refusal);
        decisions.decided(release, "hold", RELEASE_SERVICE, release.rolloutStatus.reason(), List.of());
    }

    private static RolloutStatus requireRollout(Release release) {
        if (release.rolloutStatus == null) {
            throw ReleaseException.notAllowed(release, "release '" + release.name + "' has no rollout; it moves"
                    + " only by its own requests (traffic, takeover, rollback, offline)");
        }
        return release.rolloutStatus;
    }

    private static List<Rollout.Webhook> concat(List<Rollout.Webhook> first, List<Rollout.Webhook> second) {
        List<Rollout.Webhook> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }
}
