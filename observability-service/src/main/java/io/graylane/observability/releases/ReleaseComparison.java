package io.graylane.observability.releases;

import io.graylane.events.analysis.AnalysisSnapshot;
import io.graylane.events.analysis.SplitCheck;
import io.graylane.events.analysis.VersionStats;
import io.graylane.events.release.DesiredRelease;
import io.graylane.events.traffic.AppliedRoutes;
import io.graylane.observability.mesh.StatusClass;
import io.graylane.observability.metrics.MetricsSource;
import io.graylane.observability.metrics.MetricsSource.Scope;
import io.graylane.observability.metrics.RequestStats;
import io.graylane.observability.metrics.Snapshot;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Baseline and candidate side by side over a window, and the observed split of requests between them
 * checked against the weights traffic-service reported applied.
 */
@ApplicationScoped
public class ReleaseComparison {

    /** The release's versions over [from, to), from {@code source}. */
    public AnalysisSnapshot compare(ReleaseBook.Entry release, MetricsSource source, long fromMillis,
            long toMillis) {
        DesiredRelease desired = release.desired();
        Scope scope = Scope.service(desired.namespace(), desired.service());
        Snapshot snapshot = source.window(scope, fromMillis, toMillis);
        String baseline = desired.baseline().version();
        String candidate = desired.candidate().version();
        RequestStats baselineStats = received(snapshot, desired, baseline);
        RequestStats candidateStats = received(snapshot, desired, candidate);
        Snapshot routed = sinceApplied(release, source, scope, snapshot, toMillis);
        Map<String, Long> observedSinceApplied = new LinkedHashMap<>();
        observedSinceApplied.put(baseline, received(routed, desired, baseline).requests());
        observedSinceApplied.put(candidate, received(routed, desired, candidate).requests());
        return new AnalysisSnapshot(desired.namespace(), desired.name(), desired.service(), desired.generation(),
                Instant.ofEpochMilli(snapshot.fromMillis()), Instant.ofEpochMilli(snapshot.toMillis()),
                List.of(stats(baseline, "baseline", baselineStats, snapshot.seconds()),
                        stats(candidate, "candidate", candidateStats, snapshot.seconds())),
                split(release.applied(), observedSinceApplied),
                release.applied() == null ? null : release.appliedGeneration(),
                release.applied() == null ? null : Instant.ofEpochMilli(routed.fromMillis()), source.name());
    }

    /**
     * The traffic routed under the weights applied last: the window from the time they were applied (aligned
     * to the next whole bucket, so no request routed under the weights before is counted).
     */
    private static Snapshot sinceApplied(ReleaseBook.Entry release, MetricsSource source, Scope scope,
            Snapshot whole, long toMillis) {
        if (release.appliedAt() == null || release.appliedAt().toEpochMilli() <= whole.fromMillis()) {
            return whole;
        }
        return source.window(scope, release.appliedAt().toEpochMilli(), toMillis);
    }

    private static SplitCheck split(AppliedRoutes applied, Map<String, Long> observed) {
        if (applied == null || applied.weights() == null || applied.weights().isEmpty()) {
            return notApplicable(observed, "no weights applied yet");
        }
        if (applied.matches() != null && !applied.matches().isEmpty()) {
            return notApplicable(observed, "requests are routed by their content, not by weight");
        }
        if (applied.mirror() != null) {
            return notApplicable(observed, "the candidate receives mirrored copies, not a share of live traffic");
        }
        Map<String, Double> expected = new LinkedHashMap<>();
        observed.keySet().forEach(version -> expected.put(version,
                applied.weights().getOrDefault(version, 0) / 100.0));
        return SplitTest.check(expected, observed);
    }

    private static SplitCheck notApplicable(Map<String, Long> observed, String why) {
        return new SplitCheck(null, observed, null, null, SplitCheck.Verdict.NOT_APPLICABLE, why);
    }

    /** What {@code version} of the release received in the snapshot. */
    static RequestStats received(Snapshot snapshot, DesiredRelease release, String version) {
        RequestStats stats = new RequestStats();
        snapshot.received().forEach((workload, received) -> {
            if (workload.namespace().equals(release.namespace()) && workload.app().equals(release.service())
                    && workload.version().equals(version)) {
                stats.add(received);
            }
        });
        return stats;
    }

    private static VersionStats stats(String version, String role, RequestStats stats, double seconds) {
        return new VersionStats(version, role, stats.requests(), round(Snapshot.perSecond(stats.requests(), seconds)),
                nullIfNaN(stats.successRate()), nullIfNaN(stats.errorRate()), stats.count(StatusClass.S4XX),
                round(stats.quantileMillis(0.50)), round(stats.quantileMillis(0.95)),
                round(stats.quantileMillis(0.99)));
    }

    private static Double round(Double value) {
        return value == null ? null : Math.round(value * 1000.0) / 1000.0;
    }

    private static Double nullIfNaN(double value) {
        return Double.isNaN(value) ? null : round(value);
    }
}
