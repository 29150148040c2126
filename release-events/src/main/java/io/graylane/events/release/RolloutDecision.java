package io.graylane.events.release;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.graylane.events.analysis.CheckVerdict;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * One decision of a release's rollout, by the judge's evidence or by a person.
 *
 * @param step the step it was taken in, 1-based (0 before the first step is applied)
 * @param weights the weights of that step
 * @param verdicts the judge's verdicts it stood on (none for a person's action)
 * @param action {@code advance}, {@code extend}, {@code pause}, {@code resume}, {@code rollback}, {@code promote},
 *     {@code approve}, {@code hold}, {@code complete}
 * @param actor {@code judge}, {@code release-service} (timers and webhooks) or the person
 * @param state the rollout's state after the decision
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RolloutDecision(
        String namespace,
        String name,
        String service,
        OffsetDateTime time,
        long generation,
        int step,
        Map<String, Integer> weights,
        List<CheckVerdict> verdicts,
        String action,
        String actor,
        String reason,
        RolloutState state) {
}
