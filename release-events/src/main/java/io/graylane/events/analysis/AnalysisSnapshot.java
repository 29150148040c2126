package io.graylane.events.analysis;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * How the versions of a release in progress behaved over a window, and whether the observed traffic split
 * matches the weights applied.
 *
 * @param generation the release's newest generation known to observability-service
 * @param from start of the period the per-version metrics cover (aligned to whole buckets)
 * @param to end of that period, exclusive
 * @param splitGeneration the applied generation whose weights the split is judged against; null before any
 * @param splitFrom start of the period the split judges: the later of {@code from} and the time that generation
 *     was applied, so traffic routed under earlier weights is never judged against these
 * @param source where the numbers come from: {@code prometheus} (Istio's standard metrics) or {@code traces}
 *     (the spans received, as complete as the trace sampling)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AnalysisSnapshot(
        String namespace,
        String name,
        String service,
        long generation,
        Instant from,
        Instant to,
        List<VersionStats> versions,
        SplitCheck split,
        Long splitGeneration,
        Instant splitFrom,
        String source) {
}
