package io.graylane.events;

/** Kafka topics of the Graylane event contract. */
public final class Topics {

    /**
     * Desired state of every release and its phase changes; produced by release-service. Compacted: every event
     * carries its release's whole desired state, so the newest event of each key ({@code {namespace}/{service}},
     * one release in progress per service) is all a consumer needs after older ones are compacted away.
     */
    public static final String RELEASES = "graylane.releases";

    /** What traffic-service did with each generation; consumed by release-service. */
    public static final String TRAFFIC = "graylane.traffic";

    /** Records from {@link #RELEASES} that traffic-service could not read, with the reason in headers. */
    public static final String RELEASES_DEAD_LETTER = "graylane.releases.dead-letter";

    /** Records from {@link #TRAFFIC} that release-service could not read, with the reason in headers. */
    public static final String TRAFFIC_DEAD_LETTER = "graylane.traffic.dead-letter";

    /** Metrics snapshots and the canary judge's verdicts on releases in progress; produced by observability-service. */
    public static final String ANALYSIS = "graylane.analysis";

    /** Every decision of a release's rollout (advance, pause, rollback, promote, ...); produced by release-service. */
    public static final String ROLLOUTS = "graylane.rollouts";

    /** What bookinfo-deployer deployed and removed; record key {@code {namespace}/bookinfo}. */
    public static final String BOOKINFO = "graylane.bookinfo";

    /** Spans in the format of Zipkin's Kafka collector (a JSON list of v2 spans per record). */
    public static final String ZIPKIN_SPANS = "zipkin";

    private Topics() {
    }

    /** The record key of every event about a service: keeps all its events in one partition, in order. */
    public static String recordKey(String namespace, String service) {
        return namespace + "/" + service;
    }
}
