package io.graylane.traffic.domain;

import io.graylane.events.EventTypes;
import io.graylane.events.release.DesiredRelease;
import io.graylane.events.traffic.DriftCorrected;
import io.graylane.events.traffic.TrafficApplied;
import io.graylane.events.traffic.TrafficCondition;
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
 * once. Level-triggered: whatever woke it, it applies the newest generation it knows. It never stops on its
 * own: a failure is retried with backoff (slowly while a permission is missing, so granting it resumes the
 * release), and only another writer that keeps undoing its corrections makes it stop, until a new generation.
 */
@ApplicationScoped
public class ReleaseController {

    private static final Logger LOG = Logger.getLogger(ReleaseController.class);
    private static final int CONFLICT_RETRIES = 5;

    private final Reconciler reconciler;
    private final TrafficReporter reporter;
    private final Clock clock;
    private final TrafficServiceConfig.Reconcile config;
    private final TrafficServiceConfig.Contest contestConfig;
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
        this.contestConfig = config.contest();
        this.queue = new WorkQueue(this.config.workers(), this::process, clock);
    }

    /** A desired state from the feed; older generations than the one known are ignored. */
    public void desired(DesiredRelease release) {
        String key = key(release.namespace(), release.name());
        TrackedRelease known = releases.putIfAbsent(key, new TrackedRelease(release,
                new Contest(contestConfig.corrections(), contestConfig.window())));
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
        releases.keySet().forEach(queue::add);
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

    /** Why corrections of a release stopped, if they did. */
    public Optional<String> contested(String namespace, String name) {
        return Optional.ofNullable(releases.get(key(namespace, name))).map(release -> release.contested);
    }

    /** Whether every worker is alive and none has been on one pass for longer than allowed. */
    public boolean live() {
        return queue.live(config.stuckAfter());
    }

    void stop(@Observes ShutdownEvent shutdown) {
        queue.close();
    }

    private void process(String key) {
        TrackedRelease release = releases.get(key);
        if (release == null) {
            return;
        }
        Target target = new Target(release.desired());
        if (release.passGeneration != target.generation()) {
            startGeneration(key, release, target);
        }
        if (release.ended()) {
            reportReturned(key, release, target, release.removal == null || release.returnReported ? null
                    : reconciler.returned(target, release.removal));
            return;
        }
        if (release.contested != null) {
            return;
        }
        try {
            Outcome outcome = applyWithConflictRetries(target, release.removal);
            release.failures = 0;
            handle(key, release, target, outcome);
        } catch (KubeFailure e) {
            switch (e.kind()) {
                case FORBIDDEN -> {
                    report(key, release, target, EventTypes.TRAFFIC_FAILED, e.reason(), new TrafficFailed(
                            target.namespace(), target.release().name(), target.generation(), e.reason(),
                            e.getMessage(), true));
                    queue.addAfter(key, config.forbiddenBackoff());
                }
                case PERMANENT -> report(key, release, target, EventTypes.TRAFFIC_FAILED, e.reason(),
                        new TrafficFailed(target.namespace(), target.release().name(), target.generation(),
                                e.reason(), e.getMessage(), false));
                default -> retryLater(key, release, target, "KubernetesUnavailable", e.getMessage());
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "%s: pass failed", key);
            retryLater(key, release, target, "InternalError", e.toString());
        }
    }

    /** A new generation: what earlier passes removed, counted and stopped is forgotten. */
    private void startGeneration(String key, TrackedRelease release, Target target) {
        boolean wasContested = release.contested != null;
        release.passGeneration = target.generation();
        release.removal = null;
        release.returnReported = false;
        release.contested = null;
        release.contest.reset();
        if (wasContested) {
            condition(key, release, target, TrafficCondition.CONTESTED, "False", "NewGeneration",
                    "generation " + target.generation() + " is applied; Graylane corrects again");
        }
    }

    /** The first attempt reads from the cache; after a conflict, from the API server. */
    private Outcome applyWithConflictRetries(Target target, Outcome.Removal removed) {
        for (int attempt = 1; ; attempt++) {
            try {
                return reconciler.apply(target, attempt > 1, removed);
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
            boolean retryable = failed.reason().equals("ProgressDeadlineExceeded");
            report(key, release, target, EventTypes.TRAFFIC_FAILED, failed.reason(), new TrafficFailed(
                    target.namespace(), target.release().name(), target.generation(), failed.reason(),
                    failed.message(), retryable));
        }
    }

    private void handleApplied(String key, TrackedRelease release, Target target, Outcome.Applied applied) {
        if (applied.removal() != null) {
            release.removal = applied.removal();
        }
        if (release.appliedGeneration == target.generation()) {
            if (!applied.changes().isEmpty()) {
                LOG.infof("%s: drift corrected: %s", key, applied.changes());
                release.lastReport = null;
                report(key, release, target, EventTypes.TRAFFIC_DRIFT_CORRECTED, "", new DriftCorrected(
                        target.namespace(), target.release().name(), target.generation(), applied.changes()));
                countCorrections(key, release, target, applied.writes());
            }
        } else {
            LOG.infof("%s: generation %d applied: %s", key, target.generation(), applied.changes());
            release.appliedGeneration = target.generation();
            report(key, release, target, EventTypes.TRAFFIC_APPLIED, "", new TrafficApplied(target.namespace(),
                    target.release().name(), target.generation(), AppliedRoutesOf.of(target), applied.objects(),
                    applied.repointed(), applied.notes()));
        }
        reportAvailability(key, release, target, applied.unavailable());
        reportReturned(key, release, target, applied.returned());
    }

    /** Counts the corrections; an object corrected too often is contested and no longer corrected. */
    private void countCorrections(String key, TrackedRelease release, Target target, List<Outcome.Write> writes) {
        for (Outcome.Write write : writes) {
            Optional<Integer> count = release.contest.corrected(write.object(), clock.instant());
            if (count.isPresent() && release.contested == null) {
                release.contested = write.object() + " (" + String.join("; ", write.changes()) + ") was changed "
                        + count.get() + " times within " + release.contest.window().toMinutes() + " min by "
                        + (write.writer() == null ? "another writer" : write.writer())
                        + "; Graylane stopped correcting it. Remove the other writer's claim on it, then resume the"
                        + " release (POST .../releases/" + target.release().name() + "/resume) or change it";
                LOG.warnf("%s: contested: %s", key, release.contested);
                condition(key, release, target, TrafficCondition.CONTESTED, "True", "ChangedByAnotherWriter",
                        release.contested);
            }
        }
    }

    private void reportAvailability(String key, TrackedRelease release, Target target, List<String> unavailable) {
        if (unavailable.equals(release.unavailable) || (release.unavailable == null && unavailable.isEmpty())) {
            release.unavailable = unavailable;
            return;
        }
        release.unavailable = unavailable;
        if (unavailable.isEmpty()) {
            condition(key, release, target, TrafficCondition.AVAILABLE, "True", "VersionsAvailable",
                    "every version carrying traffic has all its replicas available");
        } else {
            LOG.warnf("%s: carrying traffic but not ready: %s", key, unavailable);
            condition(key, release, target, TrafficCondition.AVAILABLE, "False", "VersionUnavailable",
                    String.join("; ", unavailable) + " (it keeps its traffic: Graylane takes no action on its own)");
        }
    }

    private void reportReturned(String key, TrackedRelease release, Target target, String returned) {
        if (returned == null || release.returnReported) {
            return;
        }
        release.returnReported = true;
        LOG.warnf("%s: %s", key, returned);
        condition(key, release, target, TrafficCondition.WORKLOAD_REMOVED, "False", "Recreated", returned);
    }

    private void handleWaiting(String key, TrackedRelease release, Target target, Outcome.Waiting waiting) {
        Instant now = clock.instant();
        if (release.waitingGeneration != target.generation()) {
            release.waitingGeneration = target.generation();
            release.waitingSince = now;
        }
        Duration waited = Duration.between(release.waitingSince, now);
        if (waited.compareTo(config.candidateTimeout()) >= 0) {
            String reason = waiting.reason().equals("WaitingForCandidate") ? "CandidateNotReady" : "VersionNotReady";
            report(key, release, target, EventTypes.TRAFFIC_FAILED, reason, new TrafficFailed(target.namespace(),
                    target.release().name(), target.generation(), reason, waiting.message() + " after "
                    + waited.toSeconds() + " s", true));
            return;
        }
        report(key, release, target, EventTypes.TRAFFIC_PROGRESSING, waiting.reason(), new TrafficProgressing(
                target.namespace(), target.release().name(), target.generation(), waiting.reason(),
                waiting.message()));
        // The Deployment watch wakes us when the version becomes ready; the timer catches the timeout.
        queue.addAfter(key, config.candidateTimeout().minus(waited));
    }

    private void retryLater(String key, TrackedRelease release, Target target, String reason, String message) {
        release.failures++;
        long millis = Math.min(config.maxBackoff().toMillis(), 100L << Math.min(release.failures, 20));
        LOG.warnf("%s: %s; retrying in %d ms", key, message, millis);
        report(key, release, target, EventTypes.TRAFFIC_PROGRESSING, reason, new TrafficProgressing(
                target.namespace(), target.release().name(), target.generation(), reason, message));
        queue.addAfter(key, Duration.ofMillis(millis));
    }

    /** Sends a condition report; one Kafka refused is sent again by a later pass where the state allows. */
    private void condition(String key, TrackedRelease release, Target target, String type, String status,
            String reason, String message) {
        reporter.report(target.namespace(), target.service(), target.release().name(), EventTypes.TRAFFIC_CONDITION,
                new TrafficCondition(target.namespace(), target.release().name(), target.generation(), type, status,
                        reason, message)).whenComplete((sent, failure) -> {
                            if (failure == null) {
                                return;
                            }
                            LOG.warnf("%s: condition %s=%s not sent (%s); sending again in 5 s", key, type, status,
                                    failure.toString());
                            if (type.equals(TrafficCondition.AVAILABLE)) {
                                release.unavailable = null;
                            } else if (type.equals(TrafficCondition.WORKLOAD_REMOVED)) {
                                release.returnReported = false;
                            }
                            queue.addAfter(key, Duration.ofSeconds(5));
                        });
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
