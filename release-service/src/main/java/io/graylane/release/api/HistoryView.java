package io.graylane.release.api;

import io.graylane.events.release.ReleasePhase;
import io.graylane.release.domain.Action;
import io.graylane.release.domain.HistoryEntry;
import java.time.OffsetDateTime;

/** One entry of a release's history as the API shows it. */
public record HistoryView(
        OffsetDateTime time,
        long generation,
        Action action,
        String actor,
        ReleasePhase previousPhase,
        ReleasePhase newPhase,
        String detail) {

    static HistoryView of(HistoryEntry entry) {
        return new HistoryView(entry.occurredAt, entry.generation, entry.action, entry.actor, entry.previousPhase,
                entry.newPhase, entry.detail);
    }
}
