package io.graylane.traffic.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.graylane.events.MalformedEventException;
import io.graylane.events.release.Baseline;
import io.graylane.events.release.Candidate;
import io.graylane.events.release.DesiredRelease;
import io.graylane.events.release.Intent;
import io.graylane.events.release.Rollout;
import io.graylane.events.release.Strategy;
import io.graylane.events.release.TrafficPolicy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The desired releases traffic-service acts on: a rollout's later steps are as valid as its first. */
class DesiredReleasesTest {

    private static final Rollout ROLLOUT = new Rollout(List.of(10, 25, 50), "30s", "10m", null, null, null);

    @Test
    void acceptsEveryStepOfARolloutAndRefusesWeightsThatAreNone() {
        assertThat(DesiredReleases.valid(atWeight(10, 1))).isNotNull();
        assertThat(DesiredReleases.valid(atWeight(50, 3))).isNotNull();
        assertThatThrownBy(() -> DesiredReleases.valid(atWeight(30, 2))).isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("one of the rollout's steps [10, 25, 50]");
    }

    private static DesiredRelease atWeight(int candidate, long generation) {
        return new DesiredRelease("demo", "canary", Strategy.CANARY, "reviews", new Baseline("v1"),
                new Candidate("v2", "kubesphere/examples-bookinfo-reviews-v2:1.13.0", 1, null), null,
                new TrafficPolicy(Map.of("v1", 100 - candidate, "v2", candidate), null, null, null), Intent.SPLIT,
                null, generation, ROLLOUT);
    }
}
