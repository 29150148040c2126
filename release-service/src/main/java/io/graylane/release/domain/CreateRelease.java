package io.graylane.release.domain;

import io.graylane.events.release.Baseline;
import io.graylane.events.release.Candidate;
import io.graylane.events.release.Strategy;
import io.graylane.events.release.TrafficPolicy;

/**
 * What a user asks for when creating a release; the body of {@code POST .../releases}.
 *
 * @param removeBaseline whether offline deletes a baseline Deployment Graylane did not create (default: scale it
 *                       to zero)
 */
public record CreateRelease(
        String name,
        Strategy strategy,
        String service,
        Baseline baseline,
        Candidate candidate,
        Boolean removeBaseline,
        TrafficPolicy traffic) {
}
