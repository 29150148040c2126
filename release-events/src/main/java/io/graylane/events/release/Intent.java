package io.graylane.events.release;

/** What the newest generation of a release asks of the cluster. */
public enum Intent {
    /** Split traffic between baseline and candidate as the traffic policy says. */
    SPLIT,
    /** Send all traffic to the governor; keep both versions running. */
    TAKEOVER,
    /** Send all traffic to the baseline and remove the candidate. */
    ROLLBACK,
    /** Keep only the governor: remove the other version and the release's own routing. */
    OFFLINE
}
