package io.graylane.observability.metrics;

import io.graylane.observability.mesh.Workload;
import java.util.Map;
import java.util.Set;

/**
 * Everything observed in [{@code fromMillis}, {@code toMillis}), the period a window actually covers.
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

    /** The length of the period covered, in seconds; 0 when the window held no whole bucket. */
    public double seconds() {
        return (toMillis - fromMillis) / 1000.0;
    }

    /** A count per second of the period covered; 0 over an empty period (nothing can have been counted). */
    public static double perSecond(long count, double seconds) {
        return seconds > 0 ? count / seconds : 0;
    }
}
