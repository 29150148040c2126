package io.graylane.observability.ingest;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import zipkin2.Span;

/**
 * The timestamps a span may have to be kept: from {@code retention} before now to {@code ahead} after now
 * (clock skew). A span outside is refused rather than stored: one from before the retention would be evicted
 * at once, one far in the future would push real history out of every window. A span without a timestamp
 * (Zipkin allows it) is kept and counted at its arrival.
 */
record TimeBounds(Duration retention, Duration ahead) {

    static final Duration AHEAD = Duration.ofMinutes(10);

    /** Why the span is refused, or empty when it is kept. */
    Optional<String> refusal(Span span, long nowMillis) {
        long micros = span.timestampAsLong();
        if (micros == 0) {
            return Optional.empty();
        }
        long millis = micros / 1_000;
        if (millis < nowMillis - retention.toMillis()) {
            return Optional.of("span " + span.id() + " of trace " + span.traceId() + ": timestamp "
                    + Instant.ofEpochMilli(millis) + " is older than the retention (" + retention + ")");
        }
        if (millis > nowMillis + ahead.toMillis()) {
            return Optional.of("span " + span.id() + " of trace " + span.traceId() + ": timestamp "
                    + Instant.ofEpochMilli(millis) + " is more than " + ahead.toMinutes() + " min ahead of now");
        }
        return Optional.empty();
    }
}
