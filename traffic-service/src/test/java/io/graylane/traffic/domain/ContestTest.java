package io.graylane.traffic.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ContestTest {

    private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");

    @Test
    void anObjectCorrectedAsOftenAsTheLimitWithinTheWindowIsContested() {
        Contest contest = new Contest(3, Duration.ofMinutes(1));

        assertThat(contest.corrected("VirtualService reviews", T0)).isEmpty();
        assertThat(contest.corrected("VirtualService reviews", T0.plusSeconds(10))).isEmpty();
        assertThat(contest.corrected("Deployment reviews-v2", T0.plusSeconds(15))).as("counted per object").isEmpty();
        assertThat(contest.corrected("VirtualService reviews", T0.plusSeconds(20))).contains(3);
    }

    @Test
    void correctionsOutsideTheWindowDoNotCount() {
        Contest contest = new Contest(3, Duration.ofMinutes(1));

        contest.corrected("VirtualService reviews", T0);
        contest.corrected("VirtualService reviews", T0.plusSeconds(40));
        assertThat(contest.corrected("VirtualService reviews", T0.plusSeconds(70))).isEmpty();
        contest.reset();
        assertThat(contest.corrected("VirtualService reviews", T0.plusSeconds(80))).isEmpty();
    }
}
