package io.graylane.events.release;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The version being released.
 *
 * @param image OCI image reference of the candidate's main container
 * @param replicas pods to run; {@code null} means as many as the baseline has
 * @param adopt whether an existing Deployment of this version, not created by Graylane, is used as the
 *              candidate (never changed or deleted by Graylane); without it such a Deployment is a conflict
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Candidate(String version, String image, Integer replicas, Boolean adopt) {

    /** Whether an existing Deployment is to be used rather than one created. */
    public boolean adopts() {
        return Boolean.TRUE.equals(adopt);
    }
}
