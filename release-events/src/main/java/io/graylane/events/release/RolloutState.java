package io.graylane.events.release;

/** Where a rollout stands. The release's phase is unchanged by it: Active while a step runs. */
public enum RolloutState {
    /** A step is running (or being applied) and the judge looks at it. */
    Analysing,
    /** Waiting for a person: not enough evidence in time, a gate webhook holding, or a MANUAL promotion. */
    Paused,
    /** Taking over and taking the baseline offline. */
    Promoting,
    /** Promoted: the release is Completed. */
    Done,
    /** Rolled back, by the judge or a person. */
    Aborted
}
