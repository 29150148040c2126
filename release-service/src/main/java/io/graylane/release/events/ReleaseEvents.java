package io.graylane.release.events;

import io.graylane.events.CloudEvent;
import io.graylane.events.EventCodec;
import io.graylane.events.EventTypes;
import io.graylane.events.Topics;
import io.graylane.events.release.DesiredRelease;
import io.graylane.events.release.PhaseChanged;
import io.graylane.release.config.ReleaseServiceConfig;
import io.graylane.release.domain.Release;
import io.graylane.release.domain.Transition;
import jakarta.enterprise.context.ApplicationScoped;

/** Turns a release's transitions into events on {@code graylane.releases}, through the outbox. */
@ApplicationScoped
public class ReleaseEvents {

    private final Outbox outbox;
    private final EventCodec codec;
    private final String source;

    ReleaseEvents(Outbox outbox, EventCodec codec, ReleaseServiceConfig config) {
        this.outbox = outbox;
        this.codec = codec;
        this.source = config.events().source();
    }

    /** The desired-release event of an accepted change, and a phase-changed event if the phase moved. */
    public void publish(Release release, Transition transition) {
        if (transition.eventType() != null) {
            emit(release, transition.eventType(), desired(release));
        }
        if (transition.from() != null && transition.changesPhase()) {
            emit(release, EventTypes.RELEASE_PHASE_CHANGED, new PhaseChanged(release.namespace, release.name,
                    release.service, transition.from(), transition.to(), release.generation, transition.reason(),
                    transition.detail(), desired(release)));
        }
    }

    private void emit(Release release, String type, Object data) {
        CloudEvent event = codec.create(source, type, CloudEvent.subject(release.namespace, release.name), data);
        outbox.add(Topics.RELEASES, Topics.recordKey(release.namespace, release.service), event);
    }

    private static DesiredRelease desired(Release release) {
        return new DesiredRelease(release.namespace, release.name, release.strategy, release.service,
                release.baseline, release.candidate, release.removeBaseline ? Boolean.TRUE : null, release.traffic,
                release.intent, release.governor, release.generation, release.rollout);
    }
}
