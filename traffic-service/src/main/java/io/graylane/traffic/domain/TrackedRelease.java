package io.graylane.traffic.domain;

import io.graylane.events.release.DesiredRelease;
import java.time.Instant;

/**
 * What traffic-service knows of one release: the newest desired state seen, and, touched only by the
 * release's worker, what was applied and reported.
 */
final class TrackedRelease {

    private volatile DesiredRelease desired;
    private volatile boolean ended;

    /** The newest generation applied and reported; 0 before the first. */
    volatile long appliedGeneration;
    /** The last report sent, as "type|generation|reason", so the same report is not sent twice. */
    volatile String lastReport;
    /** Since when the current generation waits for its candidate. */
    long waitingGeneration;
    Instant waitingSince;
    /** Failed attempts in a row, for the backoff. */
    int failures;

    TrackedRelease(DesiredRelease desired) {
        this.desired = desired;
    }

    DesiredRelease desired() {
        return desired;
    }

    /** Keeps {@code newer} if it is a newer generation; older ones are ignored. */
    boolean offer(DesiredRelease newer) {
        synchronized (this) {
            if (newer.generation() <= desired.generation()) {
                return false;
            }
            desired = newer;
            return true;
        }
    }

    boolean ended() {
        return ended;
    }

    void end() {
        ended = true;
    }
}
