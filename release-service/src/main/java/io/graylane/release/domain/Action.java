package io.graylane.release.domain;

/** What a history entry records. */
public enum Action {
    Created,
    TrafficChanged,
    TakeoverRequested,
    RollbackRequested,
    OfflineRequested,
    /** Carry on at a new generation after a Contested condition or a failure. */
    ResumeRequested,
    /** traffic-service reported progress, success or failure and the phase moved. */
    PhaseChanged,
    /** traffic-service put back routing that someone edited. */
    DriftCorrected,
    /** traffic-service reported a condition other than Ready changing (Available, Contested, WorkloadRemoved). */
    ConditionChanged
}
