package io.graylane.release.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.graylane.events.analysis.AnalysisVerdict;
import io.graylane.events.release.RolloutState;
import io.graylane.release.domain.Release;
import io.graylane.release.domain.RolloutStatus;
import java.time.OffsetDateTime;
import java.util.Map;

/**
 * Where a release's rollout stands, as the release view shows it.
 *
 * @param step the current step, 1-based, of {@code steps}
 * @param weights the weights of the current step
 * @param stepStartedAt when the step came into effect (the judge counts from there); null while being applied
 * @param held the gate webhook holding the rollout, while one does
 * @param verdict the judge's newest verdict on the step
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RolloutView(
        int step,
        int steps,
        Map<String, Integer> weights,
        RolloutState state,
        String reason,
        OffsetDateTime stepStartedAt,
        String held,
        AnalysisVerdict verdict) {

    static RolloutView of(Release release) {
        RolloutStatus status = release.rolloutStatus;
        if (status == null) {
            return null;
        }
        return new RolloutView(status.step() + 1, release.rollout.steps().size(),
                release.traffic == null ? null : release.traffic.weights(), status.state(), status.reason(),
                status.stepStartedAt(), status.held(), status.lastVerdict());
    }
}
