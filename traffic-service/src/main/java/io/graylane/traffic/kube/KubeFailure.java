package io.graylane.traffic.kube;

import io.fabric8.kubernetes.client.KubernetesClientException;

/** What the Kubernetes API answered, sorted by what to do about it. */
public final class KubeFailure extends RuntimeException {

    /** What to do about a failure. */
    public enum Kind {
        /** Someone wrote the object first: read it again and retry at once. */
        CONFLICT,
        /** 5xx, timeouts, connection trouble: retry with backoff. */
        TRANSIENT,
        /** 401, 403: a permission is missing; retry slowly, as it may be granted. */
        FORBIDDEN,
        /** 422 and other refusals that retrying the same request will not change. */
        PERMANENT
    }

    private final Kind kind;
    private final int code;

    private KubeFailure(Kind kind, int code, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.code = code;
    }

    /**
     * @param action what was asked, as RBAC names it: {@code create deployments.apps reviews-v2 in namespace demo}
     */
    public static KubeFailure of(KubernetesClientException e, String action) {
        int code = e.getCode();
        Kind kind = code == 409 || code == 404 ? Kind.CONFLICT
                : code == 0 || code == 429 || code >= 500 ? Kind.TRANSIENT
                : code == 401 || code == 403 ? Kind.FORBIDDEN
                : Kind.PERMANENT;
        String status = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage()
                : e.getMessage();
        String message = kind == Kind.FORBIDDEN
                ? "missing permission to " + action + " (the API server answered " + code + ": " + status + ")"
                : action + ": " + status;
        return new KubeFailure(kind, code, message, e);
    }

    public Kind kind() {
        return kind;
    }

    /** The reason reported: {@code Forbidden}, {@code Unauthorized}, {@code Invalid}, ... */
    public String reason() {
        return switch (code) {
            case 403 -> "Forbidden";
            case 422 -> "Invalid";
            case 401 -> "Unauthorized";
            default -> "KubernetesError";
        };
    }
}
