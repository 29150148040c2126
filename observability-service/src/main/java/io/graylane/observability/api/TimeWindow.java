package io.graylane.observability.api;

import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The period a query covers: {@code window} back from {@code end}, both given the way Prometheus and Kiali
 * take them ({@code 30s}, {@code 5m}, {@code 1h}; end in epoch milliseconds, now when absent).
 */
public record TimeWindow(long fromMillis, long toMillis) {

    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    public static TimeWindow of(String window, Long end, long now, String fallback) {
        long to = end != null ? end : now;
        return new TimeWindow(to - duration("window", window, fallback).toMillis(), to);
    }

    public static Duration duration(String name, String value, String fallback) {
        String text = value == null || value.isBlank() ? fallback : value.trim();
        Matcher matcher = DURATION.matcher(text);
        if (!matcher.matches()) {
            throw new BadQuery(name + ": '" + text + "' is not a duration such as 30s, 5m or 1h");
        }
        long amount = Long.parseLong(matcher.group(1));
        Duration duration = switch (matcher.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
        if (duration.isZero() || duration.compareTo(Duration.ofDays(31)) > 0) {
            throw new BadQuery(name + ": must be more than 0 and at most 31d, got " + text);
        }
        return duration;
    }

    public Instant from() {
        return Instant.ofEpochMilli(fromMillis);
    }

    public Instant to() {
        return Instant.ofEpochMilli(toMillis);
    }
}
