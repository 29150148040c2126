package io.graylane.observability.metrics;

import io.graylane.observability.mesh.Workload;
import java.util.Map;
import java.util.Set;

/**
 * Everything observed between {@code fromMillis} and {@code toMillis}.
 *
 * @param received requests received, per workload (from SERVER spans)
 * @param calls requests from one workload to another (a CLIENT span and the SERVER span it caused)
 * @param links Zipkin dependency links, one per pair of Zipkin service names: [calls, errors]
 */
public record Snapshot(
        long fromMillis,
        long toMillis,
        Map<Workload, RequestStats> received,
        Map<Call, RequestStats> calls,
        Map<ServiceLink, long[]> links,
        Map<Workload, Set<String>> pods) {

    public double seconds() {
        return Math.max(1, toMillis - fromMillis) / 1000.0;
    }
}
