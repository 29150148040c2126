package io.graylane.release.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.graylane.events.analysis.AnalysisVerdict;
import io.graylane.events.release.RolloutState;
import java.time.OffsetDateTime;

/**
 * Where a release's rollout stands; kept with the release in PostgreSQL, so a restart of any service resumes
 * the same step with the same timers.
 *
 * @param step the current step, 0-based
 * @param stepGeneration the release generation that applies the step's weights
 * @param stepStartedAt when traffic-service reported that generation applied (the step's timers and the judge's
 *     counts start there); {@code null} while it is being applied or a gate holds it
 * @param extended whether the step already went past its minimum duration for lack of evidence (said once)
 * @param held the gate webhook holding the rollout, while one does
 * @param lastVerdict the judge's newest verdict on this step
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RolloutStatus(
        int step,
        RolloutState state,
        String reason,
        long stepGeneration,
        OffsetDateTime stepStartedAt,
        boolean extended,
        String held,
        AnalysisVerdict lastVerdict) {

    /** A new step, applied at {@code generation}, not yet in effect. */
    public static RolloutStatus step(int step, long generation, String reason) {
        return new RolloutStatus(step, RolloutState.Analysing, reason, generation, null, false, null, null);
    }

    public RolloutStatus startedAt(OffsetDateTime time) {
        return new RolloutStatus(step, state, reason, stepGeneration, time, false, null, null);
    }

    public RolloutStatus withVerdict(AnalysisVerdict verdict) {
        return new RolloutStatus(step, state, reason, stepGeneration, stepStartedAt, extended, held, verdict);
    }

    public RolloutStatus extendedBecause(String why) {
        return new RolloutStatus(step, state, why, stepGeneration, stepStartedAt, true, held, lastVerdict);
    }

    public RolloutStatus heldBy(String hook, String why) {
        return new RolloutStatus(step, state, why, stepGeneration, stepStartedAt, extended, hook, lastVerdict);
    }

    public RolloutStatus in(RolloutState newState, String why) {
        return new RolloutStatus(step, newState, why, stepGeneration, stepStartedAt, extended, null, lastVerdict);
    }
}
