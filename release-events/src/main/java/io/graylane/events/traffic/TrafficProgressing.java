package io.graylane.events.traffic;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * traffic-service is working on a generation, e.g. waiting for the candidate to become ready.
 *
 * @param reason a CamelCase word, e.g. {@code WaitingForCandidate}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrafficProgressing(String namespace, String name, Long generation, String reason, String message) {

    public TrafficProgressing {
        ReleaseRef.require(namespace, name, generation);
    }
}
