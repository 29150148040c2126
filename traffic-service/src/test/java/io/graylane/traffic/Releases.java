package io.graylane.traffic;

import io.graylane.events.Producers;
import io.graylane.events.CloudEvent;
import io.graylane.events.EventCodec;
import io.graylane.events.EventTypes;
import io.graylane.events.Topics;
import io.graylane.events.release.Baseline;
import io.graylane.events.release.Candidate;
import io.graylane.events.release.DesiredRelease;
import io.graylane.events.release.Intent;
import io.graylane.events.release.PhaseChanged;
import io.graylane.events.release.ReleasePhase;
import io.graylane.events.release.Strategy;
import io.graylane.events.release.TrafficPolicy;
import io.graylane.infra.SharedKafka;
import io.graylane.infra.TopicWriter;
import java.util.Map;

/**
 * Publishes desired releases on graylane.releases as release-service does, through a real producer: these
 * tests exercise traffic-service against the contract; the flow between the two services is tested in e2e.
 */
public final class Releases implements AutoCloseable {

    public static final String V2_IMAGE = "kubesphere/examples-bookinfo-reviews-v2:1.13.0";

    private final EventCodec codec = new EventCodec();
    private final TopicWriter writer = new TopicWriter(SharedKafka.broker().bootstrapServers());

    /** The tutorial's canary release of reviews at generation 1: v2 from a new image, 70/30. */
    public static DesiredRelease canary(String namespace, String name, int baselineWeight) {
        return new DesiredRelease(namespace, name, Strategy.CANARY, "reviews", new Baseline("v1"),
                new Candidate("v2", V2_IMAGE, 1, null), null,
                new TrafficPolicy(Map.of("v1", baselineWeight, "v2", 100 - baselineWeight), null, null, null),
                Intent.SPLIT, null, 1, null);
    }

    /** A canary release of any service's versions, splitting by weights, at generation 1. */
    public static DesiredRelease canary(String namespace, String name, String service, String baseline,
            Candidate candidate, Boolean removeBaseline, int baselineWeight) {
        return new DesiredRelease(namespace, name, Strategy.CANARY, service, new Baseline(baseline), candidate,
                removeBaseline, new TrafficPolicy(Map.of(baseline, baselineWeight, candidate.version(),
                        100 - baselineWeight), null, null, null), Intent.SPLIT, null, 1, null);
    }

    public static DesiredRelease next(DesiredRelease release, TrafficPolicy traffic) {
        return new DesiredRelease(release.namespace(), release.name(), release.strategy(), release.service(),
                release.baseline(), release.candidate(), release.removeBaseline(), traffic, Intent.SPLIT, null, release.generation() + 1, null);
    }

    public static DesiredRelease next(DesiredRelease release, Intent intent, String governor) {
        return new DesiredRelease(release.namespace(), release.name(), release.strategy(), release.service(),
                release.baseline(), release.candidate(), release.removeBaseline(), release.traffic(), intent, governor,
                release.generation() + 1, null);
    }

    public DesiredRelease publish(DesiredRelease release) {
        String type = switch (release.intent()) {
            case SPLIT -> release.generation() == 1 ? EventTypes.RELEASE_CREATED : EventTypes.RELEASE_TRAFFIC_CHANGED;
            case TAKEOVER -> EventTypes.RELEASE_TAKEOVER_REQUESTED;
            case ROLLBACK -> EventTypes.RELEASE_ROLLBACK_REQUESTED;
            case OFFLINE -> EventTypes.RELEASE_OFFLINE_REQUESTED;
        };
        send(release.namespace(), release.service(), codec.create(Producers.RELEASE_SERVICE, type,
                CloudEvent.subject(release.namespace(), release.name()), release));
        return release;
    }

    /** Announces that the release ended, as release-service does once the last generation was applied. */
    public void ended(DesiredRelease release, ReleasePhase phase) {
        send(release.namespace(), release.service(), codec.create(Producers.RELEASE_SERVICE,
                EventTypes.RELEASE_PHASE_CHANGED, CloudEvent.subject(release.namespace(), release.name()),
                new PhaseChanged(release.namespace(), release.name(), release.service(), ReleasePhase.Pending, phase,
                        release.generation(), "TrafficApplied", null, release)));
    }

    /**
     * A phase change carrying the release, and nothing else of it: what is left of a release on the compacted
     * topic once its older events are compacted away.
     */
    public void phaseChangedOnly(DesiredRelease release, ReleasePhase from, ReleasePhase to) {
        send(release.namespace(), release.service(), codec.create(Producers.RELEASE_SERVICE,
                EventTypes.RELEASE_PHASE_CHANGED, CloudEvent.subject(release.namespace(), release.name()),
                new PhaseChanged(release.namespace(), release.name(), release.service(), from, to,
                        release.generation(), "TrafficApplied", null, release)));
    }

    public void sendRaw(String key, String value) {
        writer.send(Topics.RELEASES, key, value);
    }

    private void send(String namespace, String service, CloudEvent event) {
        writer.send(Topics.RELEASES, Topics.recordKey(namespace, service), codec.write(event),
                Map.of("content-type", CloudEvent.CONTENT_TYPE));
    }

    @Override
    public void close() {
        writer.close();
    }
}
