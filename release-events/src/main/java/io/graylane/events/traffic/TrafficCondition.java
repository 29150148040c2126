package io.graylane.events.traffic;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.graylane.events.MalformedEventException;
import java.util.Set;

/**
 * Something traffic-service observes about a release besides applying it, as a Kubernetes-style condition; sent
 * when it changes. Types: {@code Available} (every version carrying traffic has all its replicas available),
 * {@code Contested} (another writer keeps changing what the release owns; corrections stopped) and
 * {@code WorkloadRemoved} (the version removed by offline or rollback stays removed).
 *
 * @param status {@code True}, {@code False} or {@code Unknown}
 * @param reason a CamelCase word, e.g. {@code VersionUnavailable}, {@code ChangedByAnotherWriter}, {@code Recreated}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrafficCondition(String namespace, String name, Long generation, String type, String status,
        String reason, String message) {

    public static final String AVAILABLE = "Available";
    public static final String CONTESTED = "Contested";
    public static final String WORKLOAD_REMOVED = "WorkloadRemoved";
    private static final Set<String> STATUSES = Set.of("True", "False", "Unknown");

    public TrafficCondition {
        ReleaseRef.require(namespace, name, generation);
        if (type == null || type.isBlank()) {
            throw new MalformedEventException("'type' is required");
        }
        if (!STATUSES.contains(status)) {
            throw new MalformedEventException("'status' must be True, False or Unknown, got " + status);
        }
        if (reason == null || reason.isBlank()) {
            throw new MalformedEventException("'reason' is required");
        }
    }
}
