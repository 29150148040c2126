package io.graylane.release.domain;

import io.graylane.events.release.ReleaseValidator;
import io.graylane.events.release.TrafficPolicy;
import io.graylane.events.release.Violation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.function.Function;
import org.hibernate.exception.ConstraintViolationException;

/**
 * The changes users make to releases. Each runs in one transaction: the release, its history and its
 * events commit together. {@code expectedGeneration} is the If-Match precondition, or {@code null}.
 */
@ApplicationScoped
public class ReleaseCommands {

    private final ReleaseValidator validator;
    private final ReleaseLifecycle lifecycle;
    private final ReleaseJournal journal;

    ReleaseCommands(ReleaseValidator validator, ReleaseLifecycle lifecycle, ReleaseJournal journal) {
        this.validator = validator;
        this.lifecycle = lifecycle;
        this.journal = journal;
    }

    @Transactional
    public Release create(String namespace, CreateRelease request) {
        requireValid(validator.validateNew(namespace, request.name(), request.strategy(), request.service(),
                request.baseline(), request.candidate(), request.traffic()));
        if (Release.findByName(namespace, request.name()).isPresent()) {
            throw ReleaseException.exists(namespace, request.name());
        }
        Release.findInProgress(namespace, request.service()).ifPresent(other -> {
            throw ReleaseException.inProgress(namespace, request.service(), other.name);
        });
        Release release = newRelease(namespace, request);
        Transition created = lifecycle.create(release);
        persist(release);
        journal.record(release, created, ReleaseJournal.ANONYMOUS);
        return release;
    }

    @Transactional
    public Release changeTraffic(String namespace, String name, Long expectedGeneration, TrafficPolicy traffic) {
        return change(namespace, name, expectedGeneration, release -> {
            requireValid(validator.validateTraffic(release.strategy, release.baseline, release.candidate, traffic));
            return lifecycle.changeTraffic(release, traffic);
        });
    }

    @Transactional
    public Release takeOver(String namespace, String name, Long expectedGeneration, String version) {
        return change(namespace, name, expectedGeneration, release -> {
            if (version == null || !release.hasVersion(version)) {
                throw ReleaseException.invalid("version", "must be '" + release.baseline.version() + "' (baseline)"
                        + " or '" + release.candidate.version() + "' (candidate), got "
                        + (version == null ? "nothing" : "'" + version + "'"));
            }
            return lifecycle.takeOver(release, version);
        });
    }

    @Transactional
    public Release rollBack(String namespace, String name, Long expectedGeneration) {
        return change(namespace, name, expectedGeneration, release -> lifecycle.rollBack(release));
    }

    @Transactional
    public Release resume(String namespace, String name, Long expectedGeneration) {
        return change(namespace, name, expectedGeneration, release -> lifecycle.resume(release));
    }

    @Transactional
    public Release takeOffline(String namespace, String name, Long expectedGeneration) {
        return change(namespace, name, expectedGeneration, release -> lifecycle.takeOffline(release));
    }

    private Release change(String namespace, String name, Long expectedGeneration,
            Function<Release, Transition> step) {
        Release release = Release.findByNameForUpdate(namespace, name)
                .orElseThrow(() -> ReleaseException.notFound(namespace, name));
        if (expectedGeneration != null && expectedGeneration != release.generation) {
            throw ReleaseException.staleGeneration(expectedGeneration, release.generation);
        }
        Transition transition = step.apply(release);
        journal.record(release, transition, ReleaseJournal.ANONYMOUS);
        return release;
    }

    private void persist(Release release) {
        try {
            release.persistAndFlush();
        } catch (ConstraintViolationException e) {
            if ("releases_name_unique".equals(e.getConstraintName())) {
                throw ReleaseException.exists(release.namespace, release.name);
            }
            // The partial unique index decided a race the check above could not see.
            throw ReleaseException.inProgress(release.namespace, release.service, null);
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
        release.traffic = request.traffic();
        return release;
    }

    private static void requireValid(List<Violation> violations) {
        if (!violations.isEmpty()) {
            throw ReleaseException.invalid(violations);
        }
    }
}
