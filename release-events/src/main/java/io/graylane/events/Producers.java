package io.graylane.events;

import java.util.Map;
import java.util.Set;

/**
 * Who produces the CloudEvents on each of Graylane's topics, by their {@code source}. A consumer refuses
 * (dead-letters) an event from any other source: a misrouted or foreign producer changes nothing. This guards
 * against mistakes; against impostors, Kafka's ACLs (who may write each topic) are the lock.
 */
public final class Producers {

    public static final String RELEASE_SERVICE = "/graylane/release-service";
    public static final String TRAFFIC_SERVICE = "/graylane/traffic-service";
    public static final String OBSERVABILITY_SERVICE = "/graylane/observability-service";
    public static final String BOOKINFO_DEPLOYER = "/graylane/bookinfo-deployer";

    private static final Map<String, Set<String>> EXPECTED = Map.of(
            Topics.RELEASES, Set.of(RELEASE_SERVICE),
            Topics.TRAFFIC, Set.of(TRAFFIC_SERVICE),
            Topics.ANALYSIS, Set.of(OBSERVABILITY_SERVICE),
            Topics.ROLLOUTS, Set.of(RELEASE_SERVICE),
            Topics.BOOKINFO, Set.of(BOOKINFO_DEPLOYER));

    private Producers() {
    }

    /** Throws {@link MalformedEventException} unless {@code event} comes from a producer of {@code topic}. */
    public static void requireProducerOf(String topic, CloudEvent event) {
        Set<String> expected = EXPECTED.getOrDefault(topic, Set.of());
        if (!expected.contains(event.source())) {
            throw new MalformedEventException("source '" + event.source() + "' does not produce " + topic
                    + "; expected " + String.join(" or ", expected));
        }
    }
}
