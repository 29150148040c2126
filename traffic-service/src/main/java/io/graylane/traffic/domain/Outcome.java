package io.graylane.traffic.domain;

import io.graylane.events.traffic.TouchedObject;
import java.util.List;

/** What one pass of the reconciler achieved for a release. */
public sealed interface Outcome {

    /**
     * The target is in the cluster.
     *
     * @param changes one line per object written in this pass; empty when the cluster already matched
     * @param notes what a person should know of how it was applied
     * @param writes the objects written, each with the writer that changed it last before (for contests)
     * @param unavailable one line per version carrying traffic that is not ready (empty when all are)
     * @param removal the workload a closing pass removed or scaled to zero, or null
     * @param returned what came back of the workload removed earlier, or null
     */
    record Applied(List<TouchedObject> objects, List<String> repointed, List<String> changes, List<String> notes,
            List<Write> writes, List<String> unavailable, Removal removal, String returned) implements Outcome {
    }

    /** Not yet: a version is not ready for the traffic it is to get. Nothing was routed to it. */
    record Waiting(String reason, String message) implements Outcome {
    }

    /** The target cannot be reached without a change by the user (or the cluster, e.g. a rollout). */
    record Failed(String reason, String message) implements Outcome {
    }

    /**
     * An object written by a pass.
     *
     * @param object kind and name, e.g. {@code VirtualService reviews}
     * @param changes what was put back
     * @param writer the field manager that changed it last before this write, or null when it was Graylane
     */
    record Write(String object, List<String> changes, String writer) {
    }

    /**
     * A workload removed by offline or rollback: deleted, or scaled to zero.
     *
     * @param versionBefore the resourceVersion of the Deployment Graylane scaled down, as it read it: seen again,
     *                      it is a view from before that write (an informer not yet caught up), not a change back
     */
    record Removal(String deployment, String uid, boolean deleted, String versionBefore) {
    }
}
