package io.graylane.traffic.domain;

import io.graylane.events.release.DesiredRelease;
import java.time.Instant;
import java.util.List;

/**
 * What traffic-service knows of one release: the newest desired state seen and, touched only by the release's
 * worker, what was applied and reported.
 */
final class TrackedRelease {

    private volatile DesiredRelease desired;
    private volatile boolean ended;

    /** The newest generation applied and reported; 0 before the first. */
    volatile long appliedGeneration;
    /** The last report sent, as "type|generation|reason", so the same report is not sent twice. */
    volatile String lastReport;
    /** Since when the current generation waits for a version to be ready. */
    long waitingGeneration;
    Instant waitingSince;
    /** Failed attempts in a row, for the backoff. */
    int failures;
    /** The generation the passes below were made for; a newer one starts afresh. */
    long passGeneration;
    /** What a closing pass of {@link #passGeneration} removed, so it is not removed again; null before. */
    Outcome.Removal removal;
    /** Whether a removed workload that came back was reported. */
    boolean returnReported;
    /** Why corrections stopped for {@link #passGeneration}; null while Graylane corrects. */
    String contested;
    /** The versions carrying traffic that were last reported unavailable; null before the first report. */
    List<String> unavailable;
    /** The corrections of owned objects of {@link #passGeneration}. */
    final Contest contest;

    TrackedRelease(DesiredRelease desired, Contest contest) {
        this.desired = desired;
        this.contest = contest;
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
