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
import io.graylane.release.domain.ReleaseJournal;
import io.graylane.release.rollout.Rollouts;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/** Turns a release's transitions into events on {@code graylane.releases}, through the outbox. */
@ApplicationScoped
public class ReleaseEvents {

    /** The actors that are Graylane's own services, not people. */
    private static final Set<String> SERVICES = Set.of(ReleaseJournal.TRAFFIC_SERVICE, Rollouts.JUDGE,
            Rollouts.RELEASE_SERVICE);

    private final Outbox outbox;
    private final EventCodec codec;
    private final String source;

    ReleaseEvents(Outbox outbox, EventCodec codec, ReleaseServiceConfig config) {
        this.outbox = outbox;
        this.codec = codec;
        this.source = config.events().source();
    }

    /**
     * The desired-release event of an accepted change, and a phase-changed event if the phase moved, both
     * naming {@code actor} (CloudEvents' Auth Context: {@code system} for a Graylane service, else {@code user}).
     */
    public void publish(Release release, Transition transition, String actor) {
        if (transition.eventType() != null) {
            emit(release, transition.eventType(), desired(release), actor);
        }
        if (transition.from() != null && transition.changesPhase()) {
            emit(release, EventTypes.RELEASE_PHASE_CHANGED, new PhaseChanged(release.namespace, release.name,
                    release.service, transition.from(), transition.to(), release.generation, transition.reason(),
                    transition.detail(), desired(release)), actor);
        }
    }

    private void emit(Release release, String type, Object data, String actor) {
        CloudEvent event = codec.create(source, type, CloudEvent.subject(release.namespace, release.name), data)
                .madeBy(SERVICES.contains(actor) ? CloudEvent.AUTH_SYSTEM : CloudEvent.AUTH_USER, actor);
        outbox.add(Topics.RELEASES, Topics.recordKey(release.namespace, release.service), event);
    }

    private static DesiredRelease desired(Release release) {
        return new DesiredRelease(release.namespace, release.name, release.strategy, release.service,
                release.baseline, release.candidate, release.removeBaseline ? Boolean.TRUE : null, release.traffic,
                release.intent, release.governor, release.generation, release.rollout);
    }
}
