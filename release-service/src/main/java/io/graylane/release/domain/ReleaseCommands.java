package io.graylane.release.domain;

import io.graylane.events.release.ReleaseValidator;
import io.graylane.events.release.TrafficPolicy;
import io.graylane.events.release.Violation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import io.graylane.release.rollout.Rollouts;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.hibernate.exception.ConstraintViolationException;

/**
 * The changes users make to releases. Each runs in one transaction: the release, its history and its
 * events commit together. {@code expectedGeneration} is the If-Match precondition, or {@code null}; {@code actor}
 * is the person making the change (the subject of its token).
 */
@ApplicationScoped
public class ReleaseCommands {

    private final ReleaseValidator validator;
    private final ReleaseLifecycle lifecycle;
    private final ReleaseJournal journal;
    private final Rollouts rollouts;

    ReleaseCommands(ReleaseValidator validator, ReleaseLifecycle lifecycle, ReleaseJournal journal,
            Rollouts rollouts) {
        this.validator = validator;
        this.lifecycle = lifecycle;
        this.journal = journal;
        this.rollouts = rollouts;
    }

    @Transactional
    public Release create(String namespace, CreateRelease request, String actor) {
        requireValid(validator.validateNew(namespace, request.name(), request.strategy(), request.service(),
                request.baseline(), request.candidate(), request.traffic(), request.rollout()));
        if (Release.findByName(namespace, request.name()).isPresent()) {
            throw ReleaseException.exists(namespace, request.name());
        }
        Release.findInProgress(namespace, request.service()).ifPresent(other -> {
            throw ReleaseException.inProgress(namespace, request.service(), other.name);
        });
        Release release = newRelease(namespace, request);
        Transition created = lifecycle.create(release);
        persist(release);
        journal.record(release, created, actor);
        return release;
    }

    @Transactional
    public Release changeTraffic(String namespace, String name, Long expectedGeneration, TrafficPolicy traffic,
            String actor) {
        return change(namespace, name, expectedGeneration, actor, release -> {
            requireValid(validator.validateTraffic(release.strategy, release.baseline, release.candidate, traffic));
            return lifecycle.changeTraffic(release, traffic);
        });
    }

    @Transactional
    public Release takeOver(String namespace, String name, Long expectedGeneration, String version, String actor) {
        return change(namespace, name, expectedGeneration, actor, release -> {
            if (release.rolloutMovesTraffic()) {
                throw ReleaseException.notAllowed(release, "release '" + name + "' is under a rollout ("
                        + release.rolloutStatus.state() + "); approve to promote the candidate, abort to roll back");
            }
            if (version == null || !release.hasVersion(version)) {
                throw ReleaseException.invalid("version", "must be '" + release.baseline.version() + "' (baseline)"
                        + " or '" + release.candidate.version() + "' (candidate), got "
                        + (version == null ? "nothing" : "'" + version + "'"));
            }
            return lifecycle.takeOver(release, version);
        });
    }

    /** All traffic back to the baseline; a rollout ends Aborted (this is also the rollout's abort). */
    @Transactional
    public Release rollBack(String namespace, String name, Long expectedGeneration, String actor) {
        Release release = change(namespace, name, expectedGeneration, actor, lifecycle::rollBack);
        rollouts.rolledBack(release, actor);
        return release;
    }

    /** The same desired state at a new generation; a rollout's step is judged anew from it. */
    @Transactional
    public Release resume(String namespace, String name, Long expectedGeneration, String actor) {
        Release release = change(namespace, name, expectedGeneration, actor, lifecycle::resume);
        rollouts.resumed(release, actor);
        return release;
    }

    /** The rollout stops where it is; the traffic stays. */
    @Transactional
    public Release pause(String namespace, String name, Long expectedGeneration, String actor) {
        Release release = locked(namespace, name, expectedGeneration);
        rollouts.pause(release, actor);
        return release;
    }

    /**
     * Skips the rest of the rollout's step, or at the last step promotes the candidate; {@code refusal} is what
     * the confirm-promotion gates answered, asked before this transaction.
     */
    @Transactional
    public Release approve(String namespace, String name, Long expectedGeneration, Optional<String> refusal,
            String actor) {
        Release release = locked(namespace, name, expectedGeneration);
        rollouts.approve(release, actor, refusal);
        return release;
    }

    @Transactional
    public Release takeOffline(String namespace, String name, Long expectedGeneration, String actor) {
        return change(namespace, name, expectedGeneration, actor, lifecycle::takeOffline);
    }

    private Release change(String namespace, String name, Long expectedGeneration, String actor,
            Function<Release, Transition> step) {
        Release release = locked(namespace, name, expectedGeneration);
        Transition transition = step.apply(release);
        journal.record(release, transition, actor);
        return release;
    }

    private static Release locked(String namespace, String name, Long expectedGeneration) {
        Release release = Release.findByNameForUpdate(namespace, name)
                .orElseThrow(() -> ReleaseException.notFound(namespace, name));
        if (expectedGeneration != null && expectedGeneration != release.generation) {
            throw ReleaseException.staleGeneration(expectedGeneration, release.generation);
        }
        return release;
    }

    private void persist(Release release) {
        try {
            release.persistAndFlush();
        } catch (ConstraintViolationException e) {
            // Two requests raced past the checks in create(); the database decided. Any other constraint is a
            // bug of ours, answered as one (500 with an incident id), never passed off as a conflict.
            switch (String.valueOf(e.getConstraintName())) {
                case "releases_name_unique" -> throw ReleaseException.exists(release.namespace, release.name);
                case "releases_one_in_progress_per_service" ->
                        throw ReleaseException.inProgress(release.namespace, release.service, null);
                default -> throw e;
            }
        }
    }

    private static Release newRelease(String namespace, CreateRelease request) {
        Release release = new Release();
        release.namespace = namespace;
        release.name = request.name();
        release.strategy = request.strategy();
        release.service = request.service();
        release.baseline = request.baseline();
        release.candidate = request.candidate();
        release.removeBaseline = Boolean.TRUE.equals(request.removeBaseline());
        release.traffic = ReleaseValidator.initialTraffic(request.baseline(), request.candidate(), request.traffic(),
                request.rollout());
        release.rollout = request.rollout();
        if (request.rollout() != null) {
            release.rolloutStatus = RolloutStatus.step(0, 1, "step 1 of " + request.rollout().steps().size()
                    + ": " + request.rollout().steps().get(0) + "% to the candidate, being applied");
        }
        return release;
    }

    private static void requireValid(List<Violation> violations) {
        if (!violations.isEmpty()) {
            throw ReleaseException.invalid(violations);
        }
    }
}
