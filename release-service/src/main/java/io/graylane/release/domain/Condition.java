package io.graylane.release.domain;

import java.time.OffsetDateTime;

/**
 * A Kubernetes-style observation about a release.
 *
 * @param status {@code True}, {@code False} or {@code Unknown}
 * @param lastTransitionTime when {@code status} last changed
 */
public record Condition(String type, String status, String reason, String message, OffsetDateTime lastTransitionTime) {

    /** Whether the newest generation is in effect: the one condition Graylane keeps today. */
    public static final String READY = "Ready";
}
