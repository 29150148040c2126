package io.graylane.release.events;

import io.graylane.events.CloudEvent;
import io.graylane.events.EventCodec;
import io.graylane.events.EventTypes;
import io.graylane.events.MalformedEventException;
import io.graylane.events.traffic.DriftCorrected;
import io.graylane.events.traffic.TrafficApplied;
import io.graylane.events.traffic.TrafficCondition;
import io.graylane.events.traffic.TrafficFailed;
import io.graylane.events.traffic.TrafficProgressing;
import io.graylane.release.domain.Action;
import io.graylane.release.domain.Release;
import io.graylane.release.domain.ReleaseJournal;
import io.graylane.release.domain.ReleaseLifecycle;
import io.graylane.release.domain.Transition;
import io.graylane.release.rollout.Rollouts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * Moves releases on reports from traffic-service, each event once: its id is logged in the same
 * transaction as the change it causes. Reports on older generations only advance observedGeneration.
 */
@ApplicationScoped
public class TrafficReports {

    private final EventCodec codec;
    private final ReleaseLifecycle lifecycle;
    private final ReleaseJournal journal;
    private final Rollouts rollouts;
    private final Clock clock;

    TrafficReports(EventCodec codec, ReleaseLifecycle lifecycle, ReleaseJournal journal, Rollouts rollouts,
            Clock clock) {
        this.codec = codec;
        this.lifecycle = lifecycle;
        this.journal = journal;
        this.rollouts = rollouts;
        this.clock = clock;
    }

    /** Applies one report; throws {@link MalformedEventException} for what does not follow the contract. */
    @Transactional
    public void handle(CloudEvent event) {
        if (ProcessedEvent.findById(event.id()) != null) {
            return;
        }
        switch (event.type()) {
            case EventTypes.TRAFFIC_PROGRESSING -> progressing(codec.data(event, TrafficProgressing.class));
            case EventTypes.TRAFFIC_APPLIED -> applied(codec.data(event, TrafficApplied.class));
            case EventTypes.TRAFFIC_FAILED -> failed(codec.data(event, TrafficFailed.class));
            case EventTypes.TRAFFIC_DRIFT_CORRECTED -> driftCorrected(codec.data(event, DriftCorrected.class));
            case EventTypes.TRAFFIC_CONDITION -> condition(codec.data(event, TrafficCondition.class));
            default -> throw new MalformedEventException("unknown event type '" + event.type() + "' on the traffic"
                    + " topic; expected one of " + EventTypes.ON_TRAFFIC);
        }
        ProcessedEvent processed = new ProcessedEvent();
        processed.eventId = event.id();
        processed.type = event.type();
        processed.processedAt = OffsetDateTime.now(clock);
        processed.persist();
    }

    private void progressing(TrafficProgressing report) {
        Release release = release(report.namespace(), report.name());
        record(release, lifecycle.progressing(release, report.generation(), report.reason(), report.message()));
    }

    private void applied(TrafficApplied report) {
        Release release = release(report.namespace(), report.name());
        String detail = "generation " + report.generation() + " applied" + AppliedSummary.of(report);
        record(release, lifecycle.applied(release, report.generation(), detail));
        rollouts.reported(release);
    }

    private void failed(TrafficFailed report) {
        Release release = release(report.namespace(), report.name());
        record(release, lifecycle.failed(release, report.generation(), report.reason(), report.message(),
                report.retryable()));
        rollouts.reported(release);
    }

    private void driftCorrected(DriftCorrected report) {
        Release release = release(report.namespace(), report.name());
        journal.record(release, new Transition(Action.DriftCorrected, null, release.phase, release.phase,
                "DriftCorrected", "put back: " + String.join("; ", report.changes())), ReleaseJournal.TRAFFIC_SERVICE);
    }

    private void condition(TrafficCondition report) {
        Release release = release(report.namespace(), report.name());
        record(release, lifecycle.condition(release, report.generation(), report.type(), report.status(),
                report.reason(), report.message()));
    }

    private void record(Release release, Optional<Transition> transition) {
        transition.ifPresent(t -> journal.record(release, t, ReleaseJournal.TRAFFIC_SERVICE));
    }

    private static Release release(String namespace, String name) {
        return Release.findByNameForUpdate(namespace, name).orElseThrow(() -> new MalformedEventException(
                "no release '" + name + "' in namespace '" + namespace + "'"));
    }
}
