package io.graylane.events.analysis;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One version of a release over the window: the tutorial's "Success rate, Traffic and Duration".
 *
 * @param role {@code baseline} or {@code candidate}
 * @param successRate share of requests neither 5xx nor without response; null without requests
 * @param latencyP50Millis latency percentiles from a log-bucketed histogram, within 2%
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VersionStats(
        String version,
        String role,
        long requests,
        double requestsPerSecond,
        Double successRate,
        Double errorRate,
        long requests4xx,
        Double latencyP50Millis,
        Double latencyP95Millis,
        Double latencyP99Millis) {
}
