package io.graylane.events.traffic;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.graylane.events.MalformedEventException;

/**
 * A generation could not be applied.
 *
 * @param reason a CamelCase word, e.g. {@code BaselineNotFound}, {@code CandidateNotReady}, {@code Forbidden}
 * @param retryable whether traffic-service keeps trying on its own
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrafficFailed(String namespace, String name, Long generation, String reason, String message,
        boolean retryable) {

    public TrafficFailed {
        ReleaseRef.require(namespace, name, generation);
        if (reason == null || reason.isBlank()) {
            throw new MalformedEventException("'reason' is required");
        }
    }
}
