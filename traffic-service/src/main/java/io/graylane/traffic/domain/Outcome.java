package io.graylane.traffic.domain;

import io.graylane.events.traffic.TouchedObject;
import java.util.List;

/** What one pass of the reconciler achieved for a release. */
public sealed interface Outcome {

    /**
     * The target is in the cluster.
     *
     * @param changes one line per object written in this pass; empty when the cluster already matched
     */
    record Applied(List<TouchedObject> objects, List<String> repointed, List<String> changes) implements Outcome {
    }

    /** Not yet: e.g. the candidate has no available replica. Nothing was routed to it. */
    record Waiting(String reason, String message) implements Outcome {
    }

    /** The target cannot be reached without a change by the user. */
    record Failed(String reason, String message) implements Outcome {
    }
}
