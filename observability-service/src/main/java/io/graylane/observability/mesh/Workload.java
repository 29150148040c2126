package io.graylane.observability.mesh;

/**
 * A versioned app of the mesh, as Kiali's versioned-app graph names it.
 *
 * @param zipkinName the span's local service name as Zipkin keeps it, {@code <app>.<namespace>}
 */
public record Workload(String namespace, String app, String version, String zipkinName) {

    public static final String UNKNOWN = "unknown";

    /** Where requests came from when no span of the caller was seen (outside the mesh, or no sidecar). */
    public static Workload unknown() {
        return new Workload(UNKNOWN, UNKNOWN, UNKNOWN, null);
    }

    public boolean isUnknown() {
        return UNKNOWN.equals(app);
    }
}
