package io.graylane.events.analysis;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * How the versions of a release in progress behaved over a window, and whether the observed traffic split
 * matches the weights applied.
 *
 * @param generation the release's newest generation known to observability-service
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
        SplitCheck split) {
}
