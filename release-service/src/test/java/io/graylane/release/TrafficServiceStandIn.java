package io.graylane.release;

import io.graylane.events.Producers;
import io.graylane.events.CloudEvent;
import io.graylane.events.EventCodec;
import io.graylane.events.EventTypes;
import io.graylane.events.Topics;
import io.graylane.events.traffic.AppliedRoutes;
import io.graylane.events.traffic.TrafficApplied;
import io.graylane.events.traffic.TrafficCondition;
import io.graylane.events.traffic.TrafficFailed;
import io.graylane.events.traffic.TrafficProgressing;
import io.graylane.infra.SharedKafka;
import io.graylane.infra.TopicWriter;
import java.util.List;
import java.util.Map;

/**
 * Publishes reports on graylane.traffic the way traffic-service does, through a real Kafka producer, so
 * release-service is tested against the contract until traffic-service exists.
 */
public final class TrafficServiceStandIn implements AutoCloseable {

    private final EventCodec codec = new EventCodec();
    private final TopicWriter writer = new TopicWriter(SharedKafka.broker().bootstrapServers());

    public CloudEvent progressing(String namespace, String name, String service, long generation) {
        return send(service, codec.create(Producers.TRAFFIC_SERVICE, EventTypes.TRAFFIC_PROGRESSING,
                CloudEvent.subject(namespace, name), new TrafficProgressing(namespace, name, generation,
                        "WaitingForCandidate", "0 of 1 candidate replicas ready")));
    }

    public CloudEvent applied(String namespace, String name, String service, long generation) {
        return applied(namespace, name, service, generation, Map.of("v1", 70, "v2", 30));
    }

    public CloudEvent applied(String namespace, String name, String service, long generation,
            Map<String, Integer> weights) {
        return send(service, codec.create(Producers.TRAFFIC_SERVICE, EventTypes.TRAFFIC_APPLIED,
                CloudEvent.subject(namespace, name), new TrafficApplied(namespace, name, generation,
                        new AppliedRoutes(weights, null, null, null), List.of(), List.of(), List.of())));
    }

    public CloudEvent failed(String namespace, String name, String service, long generation) {
        return send(service, codec.create(Producers.TRAFFIC_SERVICE, EventTypes.TRAFFIC_FAILED,
                CloudEvent.subject(namespace, name), new TrafficFailed(namespace, name, generation,
                        "BaselineNotFound", "no Deployment labelled app=" + service + ",version=v1", false)));
    }

    public CloudEvent condition(String namespace, String name, String service, long generation, String type,
            String status, String reason) {
        return send(service, codec.create(Producers.TRAFFIC_SERVICE, EventTypes.TRAFFIC_CONDITION,
                CloudEvent.subject(namespace, name), new TrafficCondition(namespace, name, generation, type, status,
                        reason, "VirtualService reviews, route graylane-canary: argocd-application-controller")));
    }

    /** Publishes an event again, same id: a redelivery. */
    public CloudEvent send(String service, CloudEvent event) {
        String namespace = event.subject().substring(0, event.subject().indexOf('/'));
        writer.send(Topics.TRAFFIC, Topics.recordKey(namespace, service), codec.write(event),
                Map.of("content-type", CloudEvent.CONTENT_TYPE));
        return event;
    }

    public void sendRaw(String key, String value) {
        writer.send(Topics.TRAFFIC, key, value);
    }

    @Override
    public void close() {
        writer.close();
    }
}
