package io.graylane.release.domain;

import io.graylane.events.analysis.AnalysisVerdict;
import io.graylane.events.analysis.CheckVerdict;
import io.graylane.events.release.Rollout;
import io.graylane.events.release.RolloutState;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.stream.Collectors;

/**
 * What a rollout does next, from its step's elapsed time and the judge's newest verdict on it. Pure.
 *
 * <ul>
 * <li>any FAIL rolls back at once;</li>
 * <li>every check PASS and the step's minimum duration over: advance (after the last step: promote, or wait for
 * approval when promotion is MANUAL);</li>
 * <li>the minimum over without enough evidence: the step is extended (said once);</li>
 * <li>the maximum over without enough evidence: pause with the reason, never a failure for lack of data.</li>
 * </ul>
 */
public final class RolloutPlan {

    /** What to do. */
    public enum Move {
        NONE,
        EXTEND,
        ADVANCE,
        PROMOTE,
        AWAIT_APPROVAL,
        PAUSE,
        ROLLBACK
    }

    /** A move and why, in words for the decisions list. */
    public record Next(Move move, String reason) {

        static final Next NONE = new Next(Move.NONE, null);
    }

    private RolloutPlan() {
    }

    public static Next next(Rollout rollout, RolloutStatus status, OffsetDateTime now) {
        if (status.state() != RolloutState.Analysing) {
            return Next.NONE;
        }
        AnalysisVerdict verdict = status.lastVerdict();
        CheckVerdict.Outcome outcome = verdict == null ? CheckVerdict.Outcome.NEED_MORE_DATA : verdict.outcome();
        if (outcome == CheckVerdict.Outcome.FAIL) {
            return new Next(Move.ROLLBACK, "the judge found the candidate worse: " + checks(verdict,
                    CheckVerdict.Outcome.FAIL));
        }
        if (status.stepStartedAt() == null) {
            return Next.NONE;
        }
        Duration elapsed = Duration.between(status.stepStartedAt(), now);
        boolean minimumOver = elapsed.toMillis() >= rollout.minStepMillis();
        if (outcome == CheckVerdict.Outcome.PASS && minimumOver) {
            boolean last = status.step() == rollout.steps().size() - 1;
            if (!last) {
                return new Next(Move.ADVANCE, "every check passed at " + weight(rollout, status) + "% after "
                        + seconds(elapsed) + "; next step " + rollout.steps().get(status.step() + 1) + "%");
            }
            return rollout.promotionOrDefault() == Rollout.Promotion.AUTO
                    ? new Next(Move.PROMOTE, "every check passed at the last step (" + weight(rollout, status)
                            + "%); promoting the candidate")
                    : new Next(Move.AWAIT_APPROVAL, "every check passed at the last step (" + weight(rollout, status)
                            + "%); promotion is MANUAL: approve to promote");
        }
        if (elapsed.toMillis() >= rollout.maxStepMillis()) {
            return new Next(Move.PAUSE, "NEED_MORE_DATA: not enough evidence after " + seconds(elapsed)
                    + " (maxStepDuration) for " + (verdict == null ? "any check (no verdict from the judge)"
                            : checks(verdict, CheckVerdict.Outcome.NEED_MORE_DATA))
                    + "; resume to judge the step anew, approve to advance, abort to roll back");
        }
        if (minimumOver && !status.extended()) {
            return new Next(Move.EXTEND, "minStepDuration over, waiting for evidence on " + (verdict == null
                    ? "every check (no verdict from the judge yet)" : checks(verdict,
                            CheckVerdict.Outcome.NEED_MORE_DATA)) + " until maxStepDuration");
        }
        return Next.NONE;
    }

    /** The weight of the candidate in the rollout's current step. */
    public static int weight(Rollout rollout, RolloutStatus status) {
        return rollout.steps().get(status.step());
    }

    private static String checks(AnalysisVerdict verdict, CheckVerdict.Outcome outcome) {
        return verdict.checks().stream().filter(c -> c.outcome() == outcome).map(CheckVerdict::check)
                .collect(Collectors.joining(", "));
    }

    private static String seconds(Duration elapsed) {
        return elapsed.toSeconds() + " s";
    }
}
