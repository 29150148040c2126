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
        /** 403, 422 and other refusals that retrying will not change. */
        PERMANENT
    }

    private final Kind kind;
    private final int code;

    private KubeFailure(Kind kind, int code, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.code = code;
    }

    public static KubeFailure of(KubernetesClientException e, String action) {
        int code = e.getCode();
        Kind kind = code == 409 || code == 404 ? Kind.CONFLICT
                : code == 0 || code == 429 || code >= 500 ? Kind.TRANSIENT
                : Kind.PERMANENT;
        String status = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage()
                : e.getMessage();
        return new KubeFailure(kind, code, action + ": " + status, e);
    }

    public Kind kind() {
        return kind;
    }

    /** The reason reported for a permanent failure: {@code Forbidden}, {@code Invalid}, ... */
    public String reason() {
        return switch (code) {
            case 403 -> "Forbidden";
            case 422 -> "Invalid";
            case 401 -> "Unauthorized";
            default -> "KubernetesError";
        };
    }
}
