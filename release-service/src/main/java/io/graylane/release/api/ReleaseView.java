package io.graylane.release.api;

import io.graylane.events.release.Baseline;
import io.graylane.events.release.Candidate;
import io.graylane.events.release.ReleasePhase;
import io.graylane.events.release.Rollout;
import io.graylane.events.release.Strategy;
import io.graylane.events.release.TrafficPolicy;
import io.graylane.release.domain.Condition;
import io.graylane.release.domain.Release;
import java.time.OffsetDateTime;
import java.util.List;

/** A release as the API shows it. */
public record ReleaseView(
        String namespace,
        String name,
        Strategy strategy,
        String service,
        Baseline baseline,
        Candidate candidate,
        boolean removeBaseline,
        TrafficPolicy traffic,
        ReleasePhase phase,
        String governor,
        long generation,
        long observedGeneration,
        List<Condition> conditions,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        Rollout rollout,
        RolloutView rolloutStatus) {

    static ReleaseView of(Release release) {
        return new ReleaseView(release.namespace, release.name, release.strategy, release.service,
                release.baseline, release.candidate, release.removeBaseline, release.traffic, release.phase, release.governor,
                release.generation, release.observedGeneration, release.conditions, release.createdAt,
                release.updatedAt, release.rollout, RolloutView.of(release));
    }
}
