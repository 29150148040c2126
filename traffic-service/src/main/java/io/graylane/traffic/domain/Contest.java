package io.graylane.traffic.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Counts the corrections Graylane makes of each object it owns, in a sliding window: another writer that keeps
 * changing the same object (a GitOps tool's self-heal, an autoscaler) makes a loop that would grow the event
 * log and the history without end. After {@code limit} corrections within {@code window} the object is
 * contested and Graylane stops correcting. Pure: time is given.
 */
final class Contest {

    private final int limit;
    private final Duration window;
    private final Map<String, Deque<Instant>> corrections = new HashMap<>();

    Contest(int limit, Duration window) {
        this.limit = limit;
        this.window = window;
    }

    /** Counts a correction of {@code object}; the count within the window if it reached the limit. */
    Optional<Integer> corrected(String object, Instant now) {
        Deque<Instant> times = corrections.computeIfAbsent(object, o -> new ArrayDeque<>());
        times.addLast(now);
        while (!times.isEmpty() && times.peekFirst().isBefore(now.minus(window))) {
            times.removeFirst();
        }
        return times.size() >= limit ? Optional.of(times.size()) : Optional.empty();
    }

    Duration window() {
        return window;
    }

    void reset() {
        corrections.clear();
    }
}
