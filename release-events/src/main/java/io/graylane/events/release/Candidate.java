package io.graylane.events.release;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The version being released.
 *
 * @param image OCI image reference of the candidate's main container
 * @param replicas pods to run; {@code null} means as many as the baseline has
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Candidate(String version, String image, Integer replicas) {
}
