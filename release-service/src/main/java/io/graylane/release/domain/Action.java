package io.graylane.release.domain;

/** What a history entry records. */
public enum Action {
    Created,
    TrafficChanged,
    TakeoverRequested,
    RollbackRequested,
    OfflineRequested,
    /** traffic-service reported progress, success or failure and the phase moved. */
    PhaseChanged,
    /** traffic-service put back routing that someone edited. */
    DriftCorrected
}
