package io.graylane.release.domain;

import io.graylane.events.release.Baseline;
import io.graylane.events.release.Candidate;
import io.graylane.events.release.Rollout;
import io.graylane.events.release.Strategy;
import io.graylane.events.release.TrafficPolicy;

/**
 * What a user asks for when creating a release; the body of {@code POST .../releases}.
 *
 * @param removeBaseline whether offline deletes a baseline Deployment Graylane did not create (default: scale it
 *                       to zero)
 * @param rollout CANARY only: steps judged by the canary judge, promoted or rolled back on its evidence;
 *                {@code traffic} may then be left out
 */
public record CreateRelease(
        String name,
        Strategy strategy,
        String service,
        Baseline baseline,
        Candidate candidate,
        Boolean removeBaseline,
        TrafficPolicy traffic,
        Rollout rollout) {
}
