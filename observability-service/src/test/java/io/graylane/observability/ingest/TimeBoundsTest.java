package io.graylane.observability.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import zipkin2.Span;

class TimeBoundsTest {

    private static final long NOW = 1_780_000_000_000L;
    private final TimeBounds bounds = new TimeBounds(Duration.ofHours(1), TimeBounds.AHEAD);

    @Test
    void keepsSpansFromTheRetentionToTenMinutesAhead() {
        assertThat(bounds.refusal(at(NOW - 3_600_000), NOW)).isEmpty();
        assertThat(bounds.refusal(at(NOW), NOW)).isEmpty();
        assertThat(bounds.refusal(at(NOW + 600_000), NOW)).isEmpty();
        assertThat(bounds.refusal(Span.newBuilder().traceId("1").id("2").build(), NOW)).as("no timestamp").isEmpty();
    }

    @Test
    void refusesSpansBeforeTheRetentionOrTooFarAhead() {
        assertThat(bounds.refusal(at(NOW - 3_600_001), NOW)).hasValueSatisfying(reason -> assertThat(reason)
                .contains("span 0000000000000002", "older than the retention (PT1H)"));
        assertThat(bounds.refusal(at(NOW + 600_001), NOW)).hasValueSatisfying(reason -> assertThat(reason)
                .contains("more than 10 min ahead"));
    }

    private static Span at(long millis) {
        return Span.newBuilder().traceId("1").id("2").timestamp(millis * 1_000).duration(1).build();
    }
}
