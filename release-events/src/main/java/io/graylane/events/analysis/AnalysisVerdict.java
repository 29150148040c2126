package io.graylane.events.analysis;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The canary judge's verdicts on a release's current step: every check on the requests since the step's
 * weights were applied.
 *
 * @param generation the applied generation whose step is judged
 * @param weights the step's weights, version to percent
 * @param from where the counts start: when the step's weights were applied, plus the settling time (aligned
 *     to the source's buckets)
 * @param to end of the counted period
 * @param source {@code prometheus} or {@code traces}
 * @param outcome {@code FAIL} if any check failed, {@code PASS} if every check passed, else {@code NEED_MORE_DATA}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AnalysisVerdict(
        String namespace,
        String name,
        String service,
        long generation,
        Map<String, Integer> weights,
        Instant from,
        Instant to,
        String source,
        CheckVerdict.Outcome outcome,
        List<CheckVerdict> checks) {

    /** FAIL if any check failed, PASS if all passed, NEED_MORE_DATA otherwise. */
    public static CheckVerdict.Outcome overall(List<CheckVerdict> checks) {
        if (checks.stream().anyMatch(c -> c.outcome() == CheckVerdict.Outcome.FAIL)) {
            return CheckVerdict.Outcome.FAIL;
        }
        return checks.stream().allMatch(c -> c.outcome() == CheckVerdict.Outcome.PASS) ? CheckVerdict.Outcome.PASS
                : CheckVerdict.Outcome.NEED_MORE_DATA;
    }
}
