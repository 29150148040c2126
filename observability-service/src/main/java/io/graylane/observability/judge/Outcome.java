package io.graylane.observability.judge;

/** What a check concludes from the evidence so far. */
public enum Outcome {
    /** Evidence at level α that the candidate is no worse than the baseline by the stated margin. */
    PASS,
    /** Evidence at level α that the candidate is worse. */
    FAIL,
    /** Neither yet: more requests are needed. */
    NEED_MORE_DATA
}
