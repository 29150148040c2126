package io.graylane.observability.releases;

import io.graylane.events.release.DesiredRelease;
import io.graylane.events.release.ReleasePhase;
import io.graylane.events.traffic.AppliedRoutes;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What observability-service knows of each release: its newest desired state, its phase, and the routes
 * traffic-service last reported applied. Rebuilt from the topics at every start.
 */
@ApplicationScoped
public class ReleaseBook {

    private final Map<String, Entry> releases = new ConcurrentHashMap<>();

    /** One release as known here. */
    public record Entry(DesiredRelease desired, ReleasePhase phase, long appliedGeneration, AppliedRoutes applied) {

        public boolean inProgress() {
            return phase == null || !phase.isTerminal();
        }
    }

    public void desired(DesiredRelease release) {
        releases.merge(key(release.namespace(), release.name()), new Entry(release, null, 0, null),
                (known, fresh) -> release.generation() > known.desired().generation()
                        ? new Entry(release, known.phase(), known.appliedGeneration(), known.applied()) : known);
    }

    public void phase(String namespace, String name, ReleasePhase phase) {
        releases.computeIfPresent(key(namespace, name),
                (key, known) -> new Entry(known.desired(), phase, known.appliedGeneration(), known.applied()));
    }

    /** Routes applied for a generation; an older generation than the one known changes nothing. */
    public void applied(String namespace, String name, long generation, AppliedRoutes routes) {
        releases.computeIfPresent(key(namespace, name), (key, known) -> generation > known.appliedGeneration()
                ? new Entry(known.desired(), known.phase(), generation, routes) : known);
    }

    public Optional<Entry> find(String namespace, String name) {
        return Optional.ofNullable(releases.get(key(namespace, name)));
    }

    public List<Entry> inProgress() {
        return releases.values().stream().filter(Entry::inProgress).toList();
    }

    private static String key(String namespace, String name) {
        return namespace + "/" + name;
    }
}
