package io.graylane.events.release;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A release moved from one phase to another.
 *
 * @param generation the release's generation when the phase changed
 * @param reason a CamelCase word saying why, e.g. {@code TrafficApplied} or {@code CandidateNotReady}
 * @param release the release's whole desired state at {@code generation}, so that the newest event of a
 *                service on the compacted {@code graylane.releases} says all there is to know of its release;
 *                absent in events written before it was added
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PhaseChanged(
        String namespace,
        String name,
        String service,
        ReleasePhase from,
        ReleasePhase to,
        long generation,
        String reason,
        String message,
        DesiredRelease release) {
}
