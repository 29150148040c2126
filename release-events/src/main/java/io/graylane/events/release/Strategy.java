package io.graylane.events.release;

/** How a release splits traffic between its baseline and candidate versions. */
public enum Strategy {
    /** A share of requests by weight, or the requests that match given content, go to the candidate. */
    CANARY,
    /** All traffic goes to the {@code active} version; switching changes {@code active}. */
    BLUE_GREEN,
    /** The baseline serves all traffic and a share of it is copied to the candidate. */
    MIRROR
}
