package io.graylane.observability.releases;

import io.graylane.events.release.DesiredRelease;
import io.graylane.events.release.ReleasePhase;
import io.graylane.events.traffic.AppliedRoutes;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What observability-service knows of each release: its newest desired state, its phase, and the routes
 * traffic-service last reported applied. Rebuilt from the topics at every start. The two topics are read by
 * separate consumers, so a report of applied routes may come before the release it is about: it is kept, and
 * the release shows once its desired state has arrived.
 */
@ApplicationScoped
public class ReleaseBook {

    private final Map<String, Entry> releases = new ConcurrentHashMap<>();

    /**
     * One release as known here; {@code desired} is null while only its applied routes are known.
     * {@code appliedAt} is when traffic-service applied {@code appliedGeneration} (its report's time), null before.
     */
    public record Entry(DesiredRelease desired, ReleasePhase phase, long appliedGeneration, AppliedRoutes applied,
            Instant appliedAt) {

        private static final Entry NOTHING = new Entry(null, null, 0, null, null);

        public boolean inProgress() {
            return phase == null || !phase.isTerminal();
        }

        private boolean known() {
            return desired != null;
        }
    }

    /** The newest desired state; an older or equal generation than the one known changes nothing. */
    public void desired(DesiredRelease release) {
        releases.compute(key(release.namespace(), release.name()), (key, known) -> {
            Entry entry = known != null ? known : Entry.NOTHING;
            return entry.known() && release.generation() <= entry.desired().generation() ? entry
                    : new Entry(release, entry.phase(), entry.appliedGeneration(), entry.applied(), entry.appliedAt());
        });
    }

    public void phase(String namespace, String name, ReleasePhase phase) {
        releases.compute(key(namespace, name), (key, known) -> {
            Entry entry = known != null ? known : Entry.NOTHING;
            return new Entry(entry.desired(), phase, entry.appliedGeneration(), entry.applied(), entry.appliedAt());
        });
    }

    /**
     * Routes applied for a generation at {@code appliedAt}; an older generation than the one known changes
     * nothing. A repeated report of the same generation (a drift correction) keeps the first time: the routes
     * have carried these weights since then.
     */
    public void applied(String namespace, String name, long generation, AppliedRoutes routes, Instant appliedAt) {
        releases.compute(key(namespace, name), (key, known) -> {
            Entry entry = known != null ? known : Entry.NOTHING;
            return generation <= entry.appliedGeneration() ? entry
                    : new Entry(entry.desired(), entry.phase(), generation, routes, appliedAt);
        });
    }

    public Optional<Entry> find(String namespace, String name) {
        return Optional.ofNullable(releases.get(key(namespace, name))).filter(Entry::known);
    }

    public List<Entry> inProgress() {
        return releases.values().stream().filter(Entry::known).filter(Entry::inProgress).toList();
    }

    private static String key(String namespace, String name) {
        return namespace + "/" + name;
    }
}
