package io.graylane.events;

import java.util.Set;

/** CloudEvents {@code type} values of the Graylane event contract. */
public final class EventTypes {

    /** A release was accepted; data: {@link io.graylane.events.release.DesiredRelease}. */
    public static final String RELEASE_CREATED = "io.graylane.release.created.v1";
    /** The traffic policy of a release changed; data: {@link io.graylane.events.release.DesiredRelease}. */
    public static final String RELEASE_TRAFFIC_CHANGED = "io.graylane.release.traffic-changed.v1";
    /** One version should take all traffic; data: {@link io.graylane.events.release.DesiredRelease}. */
    public static final String RELEASE_TAKEOVER_REQUESTED = "io.graylane.release.takeover-requested.v1";
    /** All traffic back to the baseline, candidate removed; data: {@link io.graylane.events.release.DesiredRelease}. */
    public static final String RELEASE_ROLLBACK_REQUESTED = "io.graylane.release.rollback-requested.v1";
    /** The version that lost the takeover is removed; data: {@link io.graylane.events.release.DesiredRelease}. */
    public static final String RELEASE_OFFLINE_REQUESTED = "io.graylane.release.offline-requested.v1";
    /** Carry on after a Contested condition or a failure, at a new generation; data: {@link io.graylane.events.release.DesiredRelease}. */
    public static final String RELEASE_RESUME_REQUESTED = "io.graylane.release.resume-requested.v1";
    /** The phase of a release changed; data: {@link io.graylane.events.release.PhaseChanged}. */
    public static final String RELEASE_PHASE_CHANGED = "io.graylane.release.phase-changed.v1";

    /** traffic-service is working on a generation; data: {@link io.graylane.events.traffic.TrafficProgressing}. */
    public static final String TRAFFIC_PROGRESSING = "io.graylane.traffic.progressing.v1";
    /** A generation is in effect in the cluster; data: {@link io.graylane.events.traffic.TrafficApplied}. */
    public static final String TRAFFIC_APPLIED = "io.graylane.traffic.applied.v1";
    /** A generation could not be applied; data: {@link io.graylane.events.traffic.TrafficFailed}. */
    public static final String TRAFFIC_FAILED = "io.graylane.traffic.failed.v1";
    /** Someone edited owned routing and it was put back; data: {@link io.graylane.events.traffic.DriftCorrected}. */
    public static final String TRAFFIC_DRIFT_CORRECTED = "io.graylane.traffic.drift-corrected.v1";
    /** A condition of a release changed; data: {@link io.graylane.events.traffic.TrafficCondition}. */
    public static final String TRAFFIC_CONDITION = "io.graylane.traffic.condition.v1";

    /** Per-version metrics of a release in progress and the check of its split; data: {@link io.graylane.events.analysis.AnalysisSnapshot}. */
    public static final String ANALYSIS_SNAPSHOT = "io.graylane.analysis.snapshot.v1";

    /** The canary judge's verdicts on a release's step; data: {@link io.graylane.events.analysis.AnalysisVerdict}. */
    public static final String ANALYSIS_VERDICT = "io.graylane.analysis.verdict.v1";

    /** A decision of a release's rollout; data: {@link io.graylane.events.release.RolloutDecision}. */
    public static final String ROLLOUT_DECISION = "io.graylane.rollout.decision.v1";

    /** Bookinfo is deployed in a namespace; data: {@link io.graylane.events.bookinfo.BookinfoDeployed}. */
    public static final String BOOKINFO_DEPLOYED = "io.graylane.bookinfo.deployed.v1";
    /** What bookinfo-deployer created in a namespace was removed; data: {@link io.graylane.events.bookinfo.BookinfoRemoved}. */
    public static final String BOOKINFO_REMOVED = "io.graylane.bookinfo.removed.v1";

    /** The types that carry the whole desired release, so a consumer reconciles from the newest alone. */
    public static final Set<String> DESIRED_RELEASE = Set.of(RELEASE_CREATED, RELEASE_TRAFFIC_CHANGED,
            RELEASE_TAKEOVER_REQUESTED, RELEASE_ROLLBACK_REQUESTED, RELEASE_OFFLINE_REQUESTED,
            RELEASE_RESUME_REQUESTED);

    /** Every type on {@link Topics#RELEASES}. */
    public static final Set<String> ON_RELEASES = Set.of(RELEASE_CREATED, RELEASE_TRAFFIC_CHANGED,
            RELEASE_TAKEOVER_REQUESTED, RELEASE_ROLLBACK_REQUESTED, RELEASE_OFFLINE_REQUESTED,
            RELEASE_RESUME_REQUESTED, RELEASE_PHASE_CHANGED);

    /** Every type on {@link Topics#TRAFFIC}. */
    public static final Set<String> ON_TRAFFIC = Set.of(TRAFFIC_PROGRESSING, TRAFFIC_APPLIED, TRAFFIC_FAILED,
            TRAFFIC_DRIFT_CORRECTED, TRAFFIC_CONDITION);

    /** Every type on {@link Topics#ANALYSIS}. */
    public static final Set<String> ON_ANALYSIS = Set.of(ANALYSIS_SNAPSHOT, ANALYSIS_VERDICT);

    /** Every type on {@link Topics#ROLLOUTS}. */
    public static final Set<String> ON_ROLLOUTS = Set.of(ROLLOUT_DECISION);

    /** Every type on {@link Topics#BOOKINFO}. */
    public static final Set<String> ON_BOOKINFO = Set.of(BOOKINFO_DEPLOYED, BOOKINFO_REMOVED);

    private EventTypes() {
    }
}
