package io.graylane.release.domain;

import io.graylane.events.release.ReleasePhase;

/**
 * One step in the life of a release, as the journal records it.
 *
 * @param eventType the desired-release event to publish, or {@code null} when traffic-service reported
 * @param from the phase before; {@code null} for a new release
 * @param reason a CamelCase word for the phase-changed event
 * @param detail a sentence for the history
 */
public record Transition(Action action, String eventType, ReleasePhase from, ReleasePhase to, String reason,
        String detail) {

    public boolean changesPhase() {
        return from != to;
    }
}
