package io.graylane.release.domain;

import io.graylane.release.events.ReleaseEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.OffsetDateTime;

/**
 * Records a transition in the caller's transaction: the history entry and the events announcing it,
 * so the state change, its history and its events commit together or not at all.
 */
@ApplicationScoped
public class ReleaseJournal {

    /** The actor of the changes traffic-service reports; a person's changes carry its token's subject. */
    public static final String TRAFFIC_SERVICE = "traffic-service";

    private final ReleaseEvents events;
    private final Clock clock;

    ReleaseJournal(ReleaseEvents events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(Release release, Transition transition, String actor) {
        HistoryEntry entry = new HistoryEntry();
        entry.releaseId = release.id;
        entry.occurredAt = OffsetDateTime.now(clock);
        entry.generation = release.generation;
        entry.action = transition.action();
        entry.actor = actor;
        entry.previousPhase = transition.from();
        entry.newPhase = transition.to();
        entry.detail = transition.detail();
        entry.persist();
        events.publish(release, transition, actor);
    }
}
