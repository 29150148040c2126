package io.graylane.events.release;

/**
 * Where a release stands. Constants are spelled as on the wire, like Kubernetes phases.
 */
public enum ReleasePhase {
    /** Accepted and published; traffic-service has not reported on this generation yet. */
    Pending,
    /** traffic-service is working on it, for example waiting for the candidate to become ready. */
    Progressing,
    /** The traffic split of the newest generation is applied. */
    Active,
    /** All traffic goes to the governor. */
    TakenOver,
    /** The version that lost the takeover was removed; the end. */
    Completed,
    /** All traffic is back on the baseline and the candidate was removed; the end. */
    RolledBack,
    /** The newest generation could not be applied; a condition says why. */
    Failed;

    /** No change is accepted after a terminal phase. */
    public boolean isTerminal() {
        return this == Completed || this == RolledBack;
    }
}
