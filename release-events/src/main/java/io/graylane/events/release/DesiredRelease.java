package io.graylane.events.release;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The whole desired state of a release at one generation: the data of every event that asks
 * traffic-service for something. A consumer reconciles from the newest generation alone.
 *
 * @param removeBaseline whether offline deletes a baseline Deployment that Graylane did not create, rather than
 *                       scaling it to zero
 * @param governor the version receiving all traffic after a takeover or rollback; {@code null} while split
 * @param generation increases with every accepted change; older generations are superseded
 * @param rollout how the release moves by itself (steps judged by the canary judge); {@code null} when by hand
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DesiredRelease(
        String namespace,
        String name,
        Strategy strategy,
        String service,
        Baseline baseline,
        Candidate candidate,
        Boolean removeBaseline,
        TrafficPolicy traffic,
        Intent intent,
        String governor,
        long generation,
        Rollout rollout) {

    public boolean removesBaseline() {
        return Boolean.TRUE.equals(removeBaseline);
    }
}
