package io.graylane.traffic.domain;

import io.graylane.events.EventTypes;
import io.graylane.events.release.DesiredRelease;
import io.graylane.events.traffic.DriftCorrected;
import io.graylane.events.traffic.TrafficApplied;
import io.graylane.events.traffic.TrafficFailed;
import io.graylane.events.traffic.TrafficProgressing;
import io.graylane.traffic.config.TrafficServiceConfig;
import io.graylane.traffic.events.TrafficReporter;
import io.graylane.traffic.kube.KubeFailure;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Keeps the cluster at the newest generation of every release in progress: takes desired states from the
 * feed and changes from the cluster, applies them through the {@link Reconciler} and reports each outcome
 * once. Level-triggered: whatever woke it, it applies the newest generation it knows.
 */
@ApplicationScoped
public class ReleaseController {

    private static final Logger LOG = Logger.getLogger(ReleaseController.class);
    private static final int CONFLICT_RETRIES = 5;

    private final Reconciler reconciler;
    private final TrafficReporter reporter;
    private final Clock clock;
    private final TrafficServiceConfig.Reconcile config;
    private final Map<String, TrackedRelease> releases = new ConcurrentHashMap<>();
    /** {@code namespace/service} to the key of its newest release. */
    private final Map<String, String> byService = new ConcurrentHashMap<>();
    private final WorkQueue queue;
    private volatile boolean reconciling;

    ReleaseController(Reconciler reconciler, TrafficReporter reporter, Clock clock, TrafficServiceConfig config) {
        this.reconciler = reconciler;
        this.reporter = reporter;
        this.clock = clock;
        this.config = config.reconcile();
        this.queue = new WorkQueue(this.config.workers(), this::process);
    }

    /** A desired state from the feed; older generations than the one known are ignored. */
    public void desired(DesiredRelease release) {
        String key = key(release.namespace(), release.name());
        TrackedRelease known = releases.putIfAbsent(key, new TrackedRelease(release));
        if (known == null || known.offer(release)) {
            byService.put(key(release.namespace(), release.service()), key);
            if (reconciling) {
                queue.add(key);
            }
        }
    }

    /** The release reached Completed or RolledBack: nothing of it is managed any more. */
    public void ended(String namespace, String name) {
        Optional.ofNullable(releases.get(key(namespace, name))).ifPresent(TrackedRelease::end);
    }

    /** Something changed in the cluster around a service: check its release. */
    public void touched(String namespace, String service) {
        String key = byService.get(key(namespace, service));
        if (key != null && reconciling) {
            queue.add(key);
        }
    }

    /** The feed has caught up with the topic: from now on releases are applied. */
    public void startReconciling() {
        reconciler.awaitSynced();
        reconciling = true;
        releases.forEach((key, release) -> {
            if (!release.ended()) {
                queue.add(key);
            }
        });
    }

    /** The newest desired state of the release in progress for a service, if any. */
    public Optional<DesiredRelease> releaseOf(String namespace, String service) {
        return Optional.ofNullable(byService.get(key(namespace, service))).map(releases::get)
                .filter(release -> !release.ended()).map(TrackedRelease::desired);
    }

    /** The generation last applied to the cluster for a release. */
    public long appliedGeneration(String namespace, String name) {
        TrackedRelease release = releases.get(key(namespace, name));
        return release == null ? 0 : release.appliedGeneration;
    }

    void stop(@Observes ShutdownEvent shutdown) {
        queue.close();
    }

    private void process(String key) {
        TrackedRelease release = releases.get(key);
        if (release == null || release.ended()) {
            return;
        }
        Target target = new Target(release.desired());
        try {
            Outcome outcome = applyWithConflictRetries(target, release.appliedGeneration < target.generation());
            release.failures = 0;
            handle(key, release, target, outcome);
        } catch (KubeFailure e) {
            if (e.kind() == KubeFailure.Kind.PERMANENT) {
                report(key, release, target, EventTypes.TRAFFIC_FAILED, e.reason(), new TrafficFailed(
                        target.namespace(), target.release().name(), target.generation(), e.reason(), e.getMessage(),
                        false));
                return;
            }
            retryLater(key, release, target, e);
        }
    }

    /** The first attempt reads from the cache; after a conflict, from the API server. */
    private Outcome applyWithConflictRetries(Target target, boolean gated) {
        for (int attempt = 1; ; attempt++) {
            try {
                return reconciler.apply(target, gated, attempt > 1);
            } catch (KubeFailure e) {
                if (e.kind() != KubeFailure.Kind.CONFLICT || attempt >= CONFLICT_RETRIES) {
                    throw e;
                }
            }
        }
    }

    private void handle(String key, TrackedRelease release, Target target, Outcome outcome) {
        if (outcome instanceof Outcome.Applied applied) {
            handleApplied(key, release, target, applied);
        } else if (outcome instanceof Outcome.Waiting waiting) {
            handleWaiting(key, release, target, waiting);
        } else if (outcome instanceof Outcome.Failed failed) {
            report(key, release, target, EventTypes.TRAFFIC_FAILED, failed.reason(), new TrafficFailed(
                    target.namespace(), target.release().name(), target.generation(), failed.reason(),
                    failed.message(), false));
        }
    }

    private void handleApplied(String key, TrackedRelease release, Target target, Outcome.Applied applied) {
        if (release.appliedGeneration == target.generation()) {
            if (!applied.changes().isEmpty()) {
                LOG.infof("%s: drift corrected: %s", key, applied.changes());
                release.lastReport = null;
                report(key, release, target, EventTypes.TRAFFIC_DRIFT_CORRECTED, "", new DriftCorrected(
                        target.namespace(), target.release().name(), target.generation(), applied.changes()));
            }
            return;
        }
        LOG.infof("%s: generation %d applied: %s", key, target.generation(), applied.changes());
        release.appliedGeneration = target.generation();
        report(key, release, target, EventTypes.TRAFFIC_APPLIED, "", new TrafficApplied(target.namespace(),
                target.release().name(), target.generation(), AppliedRoutesOf.of(target), applied.objects(),
                applied.repointed(), List.of()));
    }

    private void handleWaiting(String key, TrackedRelease release, Target target, Outcome.Waiting waiting) {
        Instant now = clock.instant();
        if (release.waitingGeneration != target.generation()) {
            release.waitingGeneration = target.generation();
            release.waitingSince = now;
        }
        Duration waited = Duration.between(release.waitingSince, now);
        if (waited.compareTo(config.candidateTimeout()) >= 0) {
            report(key, release, target, EventTypes.TRAFFIC_FAILED, "CandidateNotReady", new TrafficFailed(
                    target.namespace(), target.release().name(), target.generation(), "CandidateNotReady",
                    waiting.message() + " after " + waited.toSeconds() + " s", true));
            return;
        }
        report(key, release, target, EventTypes.TRAFFIC_PROGRESSING, waiting.reason(), new TrafficProgressing(
                target.namespace(), target.release().name(), target.generation(), waiting.reason(),
                waiting.message()));
        // The Deployment watch wakes us when the candidate becomes ready; the timer catches the timeout.
        queue.addAfter(key, config.candidateTimeout().minus(waited));
    }

    private void retryLater(String key, TrackedRelease release, Target target, KubeFailure e) {
        release.failures++;
        long millis = Math.min(config.maxBackoff().toMillis(), 100L << Math.min(release.failures, 20));
        LOG.warnf("%s: %s; retrying in %d ms", key, e.getMessage(), millis);
        report(key, release, target, EventTypes.TRAFFIC_PROGRESSING, "KubernetesUnavailable",
                new TrafficProgressing(target.namespace(), target.release().name(), target.generation(),
                        "KubernetesUnavailable", e.getMessage()));
        queue.addAfter(key, Duration.ofMillis(millis));
    }

    /** Sends a report unless the same one was the last sent; a report Kafka refused is sent again later. */
    private void report(String key, TrackedRelease release, Target target, String type, String reason, Object data) {
        String signature = type + "|" + target.generation() + "|" + reason;
        if (signature.equals(release.lastReport)) {
            return;
        }
        release.lastReport = signature;
        reporter.report(target.namespace(), target.service(), target.release().name(), type, data)
                .whenComplete((sent, failure) -> {
                    if (failure != null) {
                        LOG.warnf("%s: report %s not sent (%s); applying again in 5 s", key, type, failure.toString());
                        queue.addAfter(key, Duration.ofSeconds(5));
                        if (type.equals(EventTypes.TRAFFIC_APPLIED)) {
                            release.appliedGeneration = 0;
                        }
                        release.lastReport = null;
                    }
                });
    }

    private static String key(String namespace, String name) {
        return namespace + "/" + name;
    }
}
