package io.graylane.release.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.graylane.events.analysis.AnalysisVerdict;
import io.graylane.events.analysis.CheckVerdict;
import io.graylane.events.release.Rollout;
import io.graylane.events.release.RolloutState;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rollout's next move from its step's time and the judge's newest verdict. */
class RolloutPlanTest {

    private static final OffsetDateTime START = OffsetDateTime.parse("2026-12-05T10:00:00Z");
    private static final Rollout AUTO = new Rollout(List.of(10, 25, 50), "30s", "10m", null, null, null);
    private static final Rollout MANUAL = new Rollout(List.of(10, 25, 50), "30s", "10m", null,
            Rollout.Promotion.MANUAL, null);

    @Test
    void aFailRollsBackAtOnceEvenBeforeTheMinimumOrTheStepsStart() {
        assertThat(next(AUTO, started(0).withVerdict(verdict(CheckVerdict.Outcome.FAIL)), 1).move())
                .isEqualTo(RolloutPlan.Move.ROLLBACK);
        RolloutPlan.Next beforeStart = RolloutPlan.next(AUTO, RolloutStatus.step(0, 1, "applying")
                .withVerdict(verdict(CheckVerdict.Outcome.FAIL)), START);
        assertThat(beforeStart.move()).isEqualTo(RolloutPlan.Move.ROLLBACK);
        assertThat(beforeStart.reason()).contains("errors");
    }

    @Test
    void everyCheckPassingAdvancesOnlyOnceTheMinimumIsOver() {
        RolloutStatus passed = started(0).withVerdict(verdict(CheckVerdict.Outcome.PASS));
        assertThat(next(AUTO, passed, 29).move()).isEqualTo(RolloutPlan.Move.NONE);
        RolloutPlan.Next advance = next(AUTO, passed, 30);
        assertThat(advance.move()).isEqualTo(RolloutPlan.Move.ADVANCE);
        assertThat(advance.reason()).contains("next step 25%");
    }

    @Test
    void afterTheLastStepAutoPromotesAndManualWaitsForApproval() {
        RolloutStatus last = started(2).withVerdict(verdict(CheckVerdict.Outcome.PASS));
        assertThat(next(AUTO, last, 30).move()).isEqualTo(RolloutPlan.Move.PROMOTE);
        assertThat(next(MANUAL, last, 30).move()).isEqualTo(RolloutPlan.Move.AWAIT_APPROVAL);
    }

    @Test
    void lackOfEvidenceExtendsOnceThenPausesAtTheMaximumNeverRollsBack() {
        RolloutStatus waiting = started(0).withVerdict(verdict(CheckVerdict.Outcome.NEED_MORE_DATA));
        assertThat(next(AUTO, waiting, 10).move()).isEqualTo(RolloutPlan.Move.NONE);
        RolloutPlan.Next extend = next(AUTO, waiting, 30);
        assertThat(extend.move()).isEqualTo(RolloutPlan.Move.EXTEND);
        assertThat(extend.reason()).contains("errors");
        RolloutStatus extended = waiting.extendedBecause(extend.reason());
        assertThat(next(AUTO, extended, 300).move()).isEqualTo(RolloutPlan.Move.NONE);
        RolloutPlan.Next pause = next(AUTO, extended, 600);
        assertThat(pause.move()).isEqualTo(RolloutPlan.Move.PAUSE);
        assertThat(pause.reason()).startsWith("NEED_MORE_DATA").contains("600 s");
        assertThat(next(AUTO, started(0), 600).reason()).contains("no verdict from the judge");
    }

    @Test
    void aPausedOrEndedRolloutDoesNotMove() {
        RolloutStatus failed = started(0).withVerdict(verdict(CheckVerdict.Outcome.FAIL));
        for (RolloutState state : List.of(RolloutState.Paused, RolloutState.Promoting, RolloutState.Done,
                RolloutState.Aborted)) {
            assertThat(next(AUTO, failed.in(state, "x"), 700).move()).isEqualTo(RolloutPlan.Move.NONE);
        }
    }

    private static RolloutPlan.Next next(Rollout rollout, RolloutStatus status, int secondsIn) {
        return RolloutPlan.next(rollout, status, START.plusSeconds(secondsIn));
    }

    private static RolloutStatus started(int step) {
        return RolloutStatus.step(step, step + 1, "step").startedAt(START);
    }

    private static AnalysisVerdict verdict(CheckVerdict.Outcome errors) {
        List<CheckVerdict> checks = List.of(new CheckVerdict("split", CheckVerdict.Outcome.PASS, 200, 100, Map.of(),
                null), new CheckVerdict("errors", errors, 1, 100, Map.of(), null));
        return new AnalysisVerdict("demo", "canary", "reviews", 1, Map.of("v1", 90, "v2", 10), Instant.EPOCH,
                Instant.EPOCH, "prometheus", AnalysisVerdict.overall(checks), checks);
    }
}
