package io.graylane.release.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.graylane.events.EventTypes;
import io.graylane.events.release.Baseline;
import io.graylane.events.release.Candidate;
import io.graylane.events.release.Intent;
import io.graylane.events.release.ReleasePhase;
import io.graylane.events.release.Strategy;
import io.graylane.events.release.TrafficPolicy;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReleaseLifecycleTest {

    private final MutableClock clock = new MutableClock();
    private final ReleaseLifecycle lifecycle = new ReleaseLifecycle(clock);

    @Test
    void startsPendingAtGenerationOneAndSplits() {
        Release release = newRelease();

        Transition created = lifecycle.create(release);

        assertThat(created.from()).isNull();
        assertThat(created.to()).isEqualTo(ReleasePhase.Pending);
        assertThat(created.eventType()).isEqualTo(EventTypes.RELEASE_CREATED);
        assertThat(release.generation).isEqualTo(1);
        assertThat(release.intent).isEqualTo(Intent.SPLIT);
        assertThat(release.conditions).singleElement()
                .satisfies(c -> assertThat(c.status()).isEqualTo("False"));
    }

    @Test
    void movesToThePhaseOfTheIntentOnlyWhenTheCurrentGenerationIsApplied() {
        Release release = active();
        lifecycle.takeOver(release, "v2");

        assertThat(lifecycle.applied(release, 1, "old")).isEmpty();
        assertThat(release.phase).isEqualTo(ReleasePhase.Pending);
        assertThat(release.observedGeneration).isEqualTo(1);

        assertThat(lifecycle.applied(release, 2, "new")).get()
                .satisfies(t -> assertThat(t.to()).isEqualTo(ReleasePhase.TakenOver));
        assertThat(release.observedGeneration).isEqualTo(2);
        assertThat(release.governor).isEqualTo("v2");
    }

    @Test
    void neverMovesThePhaseBackWithinAGeneration() {
        Release release = active();

        assertThat(lifecycle.progressing(release, 1, "WaitingForCandidate", "a late report")).isEmpty();
        assertThat(release.phase).isEqualTo(ReleasePhase.Active);

        lifecycle.changeTraffic(release, weights(50));
        assertThat(lifecycle.progressing(release, 2, "WaitingForCandidate", "0 of 1 ready")).isPresent();
        assertThat(release.phase).isEqualTo(ReleasePhase.Progressing);
        lifecycle.applied(release, 2, "");
        assertThat(lifecycle.progressing(release, 2, "WaitingForCandidate", "replayed")).isEmpty();
        assertThat(release.phase).isEqualTo(ReleasePhase.Active);
    }

    @Test
    void neverLowersObservedGenerationNorRaisesItAboveGeneration() {
        Release release = active();
        lifecycle.changeTraffic(release, weights(50));
        lifecycle.changeTraffic(release, weights(40));
        lifecycle.applied(release, 3, "");
        lifecycle.applied(release, 2, "");
        lifecycle.applied(release, 9, "");

        assertThat(release.observedGeneration).isEqualTo(3);
    }

    @Test
    void keepsTheReadyConditionsTransitionTimeWhileItsStatusHolds() {
        Release release = newRelease();
        lifecycle.create(release);
        Instant created = clock.now;
        clock.advance(60);
        lifecycle.progressing(release, 1, "WaitingForCandidate", "0 of 1 ready");

        assertThat(release.conditions.get(0).lastTransitionTime().toInstant()).isEqualTo(created);
        assertThat(release.conditions.get(0).reason()).isEqualTo("WaitingForCandidate");

        clock.advance(60);
        lifecycle.applied(release, 1, "applied");
        assertThat(release.conditions.get(0).lastTransitionTime().toInstant()).isEqualTo(clock.now);
        assertThat(release.conditions.get(0).status()).isEqualTo("True");
    }

    @Test
    void refusesTakeoverUntilTheSplitIsApplied() {
        Release release = newRelease();
        lifecycle.create(release);

        assertThatThrownBy(() -> lifecycle.takeOver(release, "v2"))
                .isInstanceOf(ReleaseException.class).hasMessageContaining("is Pending");
    }

    @Test
    void refusesOfflineWithoutAnAppliedTakeover() {
        Release release = active();
        assertThatThrownBy(() -> lifecycle.takeOffline(release)).hasMessageContaining("take over first");

        lifecycle.takeOver(release, "v1");
        assertThatThrownBy(() -> lifecycle.takeOffline(release)).hasMessageContaining("to be applied first");

        lifecycle.applied(release, 2, "");
        Transition offline = lifecycle.takeOffline(release);
        assertThat(offline.detail()).isEqualTo("v2 removed; v1 keeps all traffic");
    }

    @Test
    void retriesAFailedOffline() {
        Release release = active();
        lifecycle.takeOver(release, "v2");
        lifecycle.applied(release, 2, "");
        lifecycle.takeOffline(release);
        lifecycle.failed(release, 3, "Forbidden", "deployments is forbidden", false);

        assertThat(lifecycle.takeOffline(release).to()).isEqualTo(ReleasePhase.Pending);
        assertThat(release.generation).isEqualTo(4);
    }

    @Test
    void rollsBackFromEveryPhaseThatHasNotEnded() {
        for (ReleasePhase phase : ReleasePhase.values()) {
            Release release = active();
            release.phase = phase;
            if (phase.isTerminal()) {
                assertThatThrownBy(() -> lifecycle.rollBack(release)).hasMessageContaining("has ended");
            } else {
                assertThat(lifecycle.rollBack(release).eventType()).isEqualTo(EventTypes.RELEASE_ROLLBACK_REQUESTED);
                assertThat(release.governor).isEqualTo("v1");
            }
        }
    }

    @Test
    void refusesTrafficChangesOnceARollbackWasRequested() {
        Release release = active();
        lifecycle.rollBack(release);

        assertThatThrownBy(() -> lifecycle.changeTraffic(release, weights(50)))
                .hasMessageContaining("a rollback was requested");
        assertThatThrownBy(() -> lifecycle.takeOver(release, "v2")).hasMessageContaining("a rollback was requested");
    }

    @Test
    void ignoresEveryReportAfterTheEnd() {
        Release release = active();
        lifecycle.rollBack(release);
        lifecycle.applied(release, 2, "");
        assertThat(release.phase).isEqualTo(ReleasePhase.RolledBack);

        assertThat(lifecycle.failed(release, 2, "Late", "late", false)).isEmpty();
        assertThat(lifecycle.progressing(release, 2, "Late", "late")).isEmpty();
        assertThat(release.phase).isEqualTo(ReleasePhase.RolledBack);
    }

    @Test
    void resumeAppliesTheSameDesiredStateAtANewGeneration() {
        Release release = active();
        lifecycle.takeOver(release, "v2");
        lifecycle.applied(release, 2, "");

        Transition resumed = lifecycle.resume(release);

        assertThat(resumed.eventType()).isEqualTo(EventTypes.RELEASE_RESUME_REQUESTED);
        assertThat(release.generation).isEqualTo(3);
        assertThat(release.intent).isEqualTo(Intent.TAKEOVER);
        assertThat(release.governor).isEqualTo("v2");
        assertThat(release.phase).isEqualTo(ReleasePhase.Pending);
        lifecycle.rollBack(release);
        lifecycle.applied(release, 4, "");
        assertThatThrownBy(() -> lifecycle.resume(release)).isInstanceOf(ReleaseException.class);
    }

    @Test
    void recordsAConditionWhenItsStatusOrReasonChangesAndIgnoresStaleOnes() {
        Release release = active();

        assertThat(lifecycle.condition(release, 1, "Contested", "True", "ChangedByAnotherWriter", "argo")).get()
                .satisfies(t -> assertThat(t.action()).isEqualTo(Action.ConditionChanged));
        assertThat(lifecycle.condition(release, 1, "Contested", "True", "ChangedByAnotherWriter", "again")).isEmpty();
        clock.advance(60);
        lifecycle.resume(release);
        assertThat(lifecycle.condition(release, 1, "Contested", "False", "Resumed", "stale")).isEmpty();
        assertThat(lifecycle.condition(release, 2, "Contested", "False", "Resumed", null)).isPresent();

        Condition contested = release.conditions.stream().filter(c -> c.type().equals("Contested")).findFirst()
                .orElseThrow();
        assertThat(contested.status()).isEqualTo("False");
        assertThat(contested.lastTransitionTime().toInstant()).isEqualTo(Instant.parse("2026-11-30T10:01:00Z"));
        assertThat(release.conditions).extracting(Condition::type).containsExactlyInAnyOrder("Ready", "Contested");
    }

    @Test
    void recordsAConditionAfterTheReleaseEnded() {
        Release release = active();
        lifecycle.takeOver(release, "v2");
        lifecycle.applied(release, 2, "");
        lifecycle.takeOffline(release);
        lifecycle.applied(release, 3, "");

        assertThat(lifecycle.condition(release, 3, "WorkloadRemoved", "False", "Recreated", "argocd")).isPresent();
        assertThat(release.phase).isEqualTo(ReleasePhase.Completed);
    }

    private Release active() {
        Release release = newRelease();
        lifecycle.create(release);
        lifecycle.applied(release, 1, "");
        return release;
    }

    private static Release newRelease() {
        Release release = new Release();
        release.namespace = "demo";
        release.name = "canary";
        release.service = "reviews";
        release.strategy = Strategy.CANARY;
        release.baseline = new Baseline("v1");
        release.candidate = new Candidate("v2", "reviews:2", 1, null);
        release.traffic = weights(70);
        return release;
    }

    private static TrafficPolicy weights(int baseline) {
        return new TrafficPolicy(Map.of("v1", baseline, "v2", 100 - baseline), null, null, null);
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-11-30T10:00:00Z");

        void advance(long seconds) {
            now = now.plusSeconds(seconds);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
