package io.graylane.observability.releases;

import io.graylane.events.EventTypes;
import io.graylane.events.analysis.AnalysisVerdict;
import io.graylane.events.analysis.CheckVerdict;
import io.graylane.events.release.DesiredRelease;
import io.graylane.events.release.Intent;
import io.graylane.events.release.ReleasePhase;
import io.graylane.events.release.Rollout;
import io.graylane.observability.config.ObservabilityConfig;
import io.graylane.observability.judge.CanaryJudge;
import io.graylane.observability.mesh.MeshSpan;
import io.graylane.observability.mesh.StatusClass;
import io.graylane.observability.metrics.MetricsSource;
import io.graylane.observability.metrics.MetricsSource.Scope;
import io.graylane.observability.metrics.MetricsSources;
import io.graylane.observability.metrics.RequestStats;
import io.graylane.observability.metrics.Snapshot;
import io.graylane.observability.store.SpanStore;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The canary judge at work: every interval, for each release whose rollout step is in effect (its newest
 * generation applied, weights split), the two versions' counts since the step's weights were applied, judged by
 * {@link CanaryJudge}, published as {@code io.graylane.analysis.verdict.v1}. release-service decides on them.
 */
@ApplicationScoped
public class CanaryAnalysis {

    private static final Logger LOG = Logger.getLogger(CanaryAnalysis.class);
    /** Istio's default buckets of {@code istio_request_duration_milliseconds}. */
    static final double[] ISTIO_BUCKETS = {0.5, 1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000,
        60000, 300000, 600000, 1800000, 3600000, Double.POSITIVE_INFINITY};
    /** The baseline's durations before the step choose where the latency check compares the versions. */
    static final long BASELINE_BEFORE_MILLIS = 10 * 60_000L;
    /** Enough baseline requests to place the comparison bounds. */
    static final long BOUNDS_MIN_REQUESTS = 50;
    static final int FAILING_TRACES = 5;

    private final ReleaseBook book;
    private final MetricsSources sources;
    private final SpanStore spans;
    private final AnalysisPublisher publisher;
    private final Clock clock;
    private final long settleMillis;
    /** Latency bounds per release and generation, fixed once chosen. */
    private final Map<String, List<Double>> bounds = new ConcurrentHashMap<>();
    /** The baseline's requests in the ten minutes before each step: the past, read once per step. */
    private final Map<String, RequestStats> beforeStep = new ConcurrentHashMap<>();

    CanaryAnalysis(ReleaseBook book, MetricsSources sources, SpanStore spans, AnalysisPublisher publisher,
            Clock clock, ObservabilityConfig config) {
        this.book = book;
        this.sources = sources;
        this.spans = spans;
        this.publisher = publisher;
        this.clock = clock;
        this.settleMillis = config.analysis().settle().toMillis();
    }

    @Scheduled(every = "${graylane.analysis.judge-interval:5s}", delayed = "${graylane.analysis.judge-interval:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void judgeAll() {
        MetricsSource source = sources.preferred();
        long now = clock.millis();
        for (ReleaseBook.Entry release : book.inProgress()) {
            if (!underJudgement(release) || now < countsFrom(release) + source.resolutionMillis()) {
                continue;
            }
            try {
                AnalysisVerdict verdict = judge(release, source, now);
                publisher.publish(EventTypes.ANALYSIS_VERDICT, verdict.namespace(), verdict.name(), verdict.service(),
                        verdict);
            } catch (MetricsSource.SourceUnavailable e) {
                // No verdict rather than one on made-up numbers; release-service's timers carry on.
                LOG.warnf("no verdicts this interval: %s", e.getMessage());
                return;
            }
        }
    }

    /** A release whose newest generation is a rollout step in effect: split by weight, applied, not ended. */
    static boolean underJudgement(ReleaseBook.Entry release) {
        DesiredRelease desired = release.desired();
        return desired.rollout() != null && desired.intent() == Intent.SPLIT && release.phase() == ReleasePhase.Active
                && release.appliedGeneration() == desired.generation() && release.appliedAt() != null
                && release.applied() != null && release.applied().weights() != null
                && release.applied().weights().containsKey(desired.candidate().version());
    }

    /** Where the step's counts start: once the mesh routes by its weights and Prometheus knows its series. */
    private long countsFrom(ReleaseBook.Entry release) {
        return release.appliedAt().toEpochMilli() + settleMillis;
    }

    /** The verdicts on the step in effect, on the counts since its weights were applied and settled. */
    public AnalysisVerdict judge(ReleaseBook.Entry release, MetricsSource source, long now) {
        DesiredRelease desired = release.desired();
        Rollout rollout = desired.rollout();
        Scope scope = Scope.service(desired.namespace(), desired.service());
        long from = countsFrom(release);
        Snapshot step = source.window(scope, from, Math.max(now, from + 1));
        RequestStats baseline = ReleaseComparison.received(step, desired, desired.baseline().version());
        RequestStats candidate = ReleaseComparison.received(step, desired, desired.candidate().version());
        Map<String, Integer> weights = release.applied().weights();
        double share = weights.get(desired.candidate().version()) / 100.0;
        int gates = (rollout.analysisOrDefault().successRateMin() == null ? 0 : 1)
                + (rollout.analysisOrDefault().latencyP99MaxMs() == null ? 0 : 1);
        List<Double> latencyBounds = latencyBounds(release, source, scope, baseline);
        CanaryJudge.Limits limits = new CanaryJudge.Limits(
                CanaryJudge.checkAlpha(rollout.alpha(), rollout.steps().size(), gates), share,
                rollout.errorRateMargin(), percentToShare(rollout.analysisOrDefault().successRateMin()),
                rollout.analysisOrDefault().latencyP99MaxMs(), ISTIO_BUCKETS, latencyBounds);
        List<CheckVerdict> checks = new ArrayList<>();
        for (CanaryJudge.Verdict verdict : CanaryJudge.judge(counts(baseline), counts(candidate), limits)) {
            CheckVerdict.Outcome outcome = CheckVerdict.Outcome.valueOf(verdict.outcome().name());
            List<String> traces = outcome == CheckVerdict.Outcome.FAIL && failsOnErrors(verdict.check())
                    ? failingTraces(desired, from) : null;
            checks.add(new CheckVerdict(verdict.check(), outcome, finite(verdict.statistic()), verdict.threshold(),
                    verdict.evidence(), traces));
        }
        if (latencyBounds.isEmpty()) {
            checks.add(new CheckVerdict("latency", CheckVerdict.Outcome.NEED_MORE_DATA, 1, 1 / limits.alpha(),
                    Map.of("reason", "fewer than " + BOUNDS_MIN_REQUESTS + " baseline requests with durations to"
                            + " place the comparison"), null));
        }
        return new AnalysisVerdict(desired.namespace(), desired.name(), desired.service(), desired.generation(),
                weights, Instant.ofEpochMilli(step.fromMillis()), Instant.ofEpochMilli(step.toMillis()),
                source.name(), AnalysisVerdict.overall(checks), checks);
    }

    /**
     * The Istio bounds at or above the baseline's median and 90th percentile, chosen from its requests in the ten
     * minutes before the step (or, on a service without them, in the step's first requests), then kept for the
     * step: bounds chosen from the candidate's data would bias the test.
     */
    private List<Double> latencyBounds(ReleaseBook.Entry release, MetricsSource source, Scope scope,
            RequestStats baselineInStep) {
        DesiredRelease desired = release.desired();
        String key = desired.namespace() + "/" + desired.name() + "@" + desired.generation();
        List<Double> known = bounds.get(key);
        if (known != null) {
            return known;
        }
        String prefix = desired.namespace() + "/" + desired.name() + "@";
        bounds.keySet().removeIf(k -> k.startsWith(prefix));
        beforeStep.keySet().removeIf(k -> k.startsWith(prefix) && !k.equals(key));
        long from = release.appliedAt().toEpochMilli();
        RequestStats before = beforeStep.computeIfAbsent(key, k -> ReleaseComparison.received(
                source.window(scope, from - BASELINE_BEFORE_MILLIS, from), desired, desired.baseline().version()));
        RequestStats basis = enoughDurations(before) ? before : baselineInStep;
        if (!enoughDurations(basis)) {
            return List.of();
        }
        beforeStep.remove(key);
        List<Double> chosen = new ArrayList<>();
        for (double q : new double[] {0.5, 0.9}) {
            double bound = ceilingBound(basis.quantileMillis(q));
            if (!chosen.contains(bound) && bound != Double.POSITIVE_INFINITY) {
                chosen.add(bound);
            }
        }
        bounds.put(key, List.copyOf(chosen));
        return chosen;
    }

    private static boolean enoughDurations(RequestStats stats) {
        return stats.requests() >= BOUNDS_MIN_REQUESTS && stats.quantileMillis(0.5) != null
                && !Double.isNaN(stats.atMost(0));
    }

    private static double ceilingBound(double millis) {
        for (double bound : ISTIO_BUCKETS) {
            if (bound >= millis) {
                return bound;
            }
        }
        return Double.POSITIVE_INFINITY;
    }

    private static CanaryJudge.Counts counts(RequestStats stats) {
        double[] cumulative = new double[ISTIO_BUCKETS.length];
        for (int i = 0; i < ISTIO_BUCKETS.length - 1; i++) {
            cumulative[i] = stats.atMost(ISTIO_BUCKETS[i]);
        }
        cumulative[ISTIO_BUCKETS.length - 1] = stats.requests();
        return new CanaryJudge.Counts(stats.requests(), stats.errors(), cumulative);
    }

    private static boolean failsOnErrors(String check) {
        return check.equals("errors") || check.equals("successRate");
    }

    /** The newest candidate traces with a failed request to the candidate since the step began. */
    private List<String> failingTraces(DesiredRelease desired, long fromMillis) {
        String zipkinName = desired.service() + "." + desired.namespace();
        long fromMicros = fromMillis * 1000;
        return spans.search(zipkinName, range -> range.endMicros() >= fromMicros, trace -> trace.stream()
                .map(MeshSpan::of)
                .anyMatch(span -> span.isServer() && span.workload().namespace().equals(desired.namespace())
                        && span.workload().app().equals(desired.service())
                        && span.workload().version().equals(desired.candidate().version())
                        && (span.outcome() == StatusClass.S5XX || span.outcome() == StatusClass.NO_RESPONSE)),
                FAILING_TRACES).stream().map(trace -> trace.get(0).traceId()).toList();
    }

    private static Double percentToShare(Double percent) {
        return percent == null ? null : percent / 100;
    }

    private static double finite(double value) {
        return Double.isFinite(value) ? value : Double.MAX_VALUE;
    }
}
