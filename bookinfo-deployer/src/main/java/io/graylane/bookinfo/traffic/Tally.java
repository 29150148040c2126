package io.graylane.bookinfo.traffic;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a traffic run has seen: requests per reviews version in all and in the last ten seconds, failures,
 * mirrored copies, and the spans sent. Thread-safe.
 */
final class Tally {

    static final int RECENT_SECONDS = 10;

    private final Map<String, long[]> byVersion = new TreeMap<>();
    private final Map<String, Long> mirrored = new TreeMap<>();
    private final Deque<Map<String, Long>> recent = new ArrayDeque<>();
    private long currentSecond = -1;
    private long requests;
    private long failures;
    private String lastFailure;
    private long spansSent;
    private String lastSendFailure;

    synchronized void count(Outcome outcome, long nowMillis) {
        requests++;
        roll(nowMillis / 1000);
        String version = outcome.version() != null ? outcome.version() : "none";
        byVersion.computeIfAbsent(version, v -> new long[1])[0]++;
        recent.peekLast().merge(version, 1L, Long::sum);
        if (outcome.failure() != null) {
            failures++;
            lastFailure = outcome.failure();
        }
        if (outcome.mirrored() != null) {
            mirrored.merge(outcome.mirrored(), 1L, Long::sum);
        }
    }

    synchronized void sent(int spans, String failure) {
        if (failure == null) {
            spansSent += spans;
        } else {
            lastSendFailure = failure;
        }
    }

    synchronized View view(long nowMillis) {
        roll(nowMillis / 1000);
        Map<String, View.Version> versions = new TreeMap<>();
        Map<String, Long> lastTen = new TreeMap<>();
        recent.forEach(second -> second.forEach((v, n) -> lastTen.merge(v, n, Long::sum)));
        byVersion.forEach((version, count) -> versions.put(version, new View.Version(count[0],
                requests == 0 ? 0 : Math.round(1000.0 * count[0] / requests) / 1000.0,
                lastTen.getOrDefault(version, 0L))));
        return new View(requests, versions, Map.copyOf(mirrored), failures, lastFailure, spansSent, lastSendFailure);
    }

    private void roll(long second) {
        if (second <= currentSecond) {
            return;
        }
        long passed = currentSecond < 0 ? 1 : Math.min(second - currentSecond, RECENT_SECONDS);
        currentSecond = second;
        for (long i = 0; i < passed; i++) {
            recent.addLast(new TreeMap<>());
        }
        while (recent.size() > RECENT_SECONDS) {
            recent.removeFirst();
        }
    }

    /**
     * The tally as answered.
     *
     * @param versions per reviews version ({@code none} when the page showed no reviews)
     * @param mirrored copies per version
     * @param spansSent spans observability-service took (simulated runs)
     * @param lastSendFailure why the last batch of spans was not taken, if it was not
     */
    record View(long requests, Map<String, Version> versions, Map<String, Long> mirrored, long failures,
            String lastFailure, long spansSent, String lastSendFailure) {

        /** One version: its requests, their share of all, and its requests in the last ten seconds. */
        record Version(long requests, double share, long lastTenSeconds) {
        }
    }
}
