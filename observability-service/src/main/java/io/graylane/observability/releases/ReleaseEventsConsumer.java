package io.graylane.observability.releases;

import io.graylane.events.Topics;
import io.graylane.events.Producers;
import io.graylane.events.CloudEvent;
import io.graylane.events.EventCodec;
import io.graylane.events.EventTypes;
import io.graylane.events.release.DesiredRelease;
import io.graylane.events.release.PhaseChanged;
import io.graylane.events.traffic.TrafficApplied;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Follows {@code graylane.releases} and {@code graylane.traffic} from their beginning at every start (its
 * consumer group is new each time) to know each release's versions, phase and applied weights; on the
 * compacted {@code graylane.releases} the newest event of a service, whatever its type, carries its release.
 * Types it does not use are skipped; records it cannot read go to the topic's dead-letter topic.
 */
@ApplicationScoped
public class ReleaseEventsConsumer {

    private final EventCodec codec;
    private final ReleaseBook book;

    ReleaseEventsConsumer(EventCodec codec, ReleaseBook book) {
        this.codec = codec;
        this.book = book;
    }

    @Incoming("releases-in")
    @Blocking
    public void release(String record) {
        CloudEvent event = codec.read(record);
        Producers.requireProducerOf(Topics.RELEASES, event);
        if (EventTypes.DESIRED_RELEASE.contains(event.type())) {
            book.desired(codec.data(event, DesiredRelease.class));
        } else if (EventTypes.RELEASE_PHASE_CHANGED.equals(event.type())) {
            PhaseChanged changed = codec.data(event, PhaseChanged.class);
            if (changed.release() != null) {
                // graylane.releases is compacted: this may be all that is left of the release.
                book.desired(changed.release());
            }
            book.phase(changed.namespace(), changed.name(), changed.to());
        }
    }

    @Incoming("traffic-in")
    @Blocking
    public void traffic(String record) {
        CloudEvent event = codec.read(record);
        Producers.requireProducerOf(Topics.TRAFFIC, event);
        if (EventTypes.TRAFFIC_APPLIED.equals(event.type())) {
            TrafficApplied applied = codec.data(event, TrafficApplied.class);
            book.applied(applied.namespace(), applied.name(), applied.generation(), applied.routes(),
                    event.time() == null ? Instant.now() : event.time().toInstant());
        }
    }
}
