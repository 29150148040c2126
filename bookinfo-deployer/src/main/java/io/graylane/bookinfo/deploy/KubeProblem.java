package io.graylane.bookinfo.deploy;

import io.fabric8.kubernetes.client.KubernetesClientException;

/** The Kubernetes API refused or failed a request; carries what it said and what was being done. */
public final class KubeProblem extends RuntimeException {

    /** How the API answered. */
    public enum Kind {
        /** 401 or 403: bookinfo-deployer's account may not do this. */
        FORBIDDEN,
        /** No answer, 429 or 503: try again later. */
        UNAVAILABLE,
        /** Any other refusal or failure. */
        FAILED
    }

    private final Kind kind;

    private KubeProblem(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public static KubeProblem of(KubernetesClientException e, String action) {
        int code = e.getCode();
        Kind kind = code == 401 || code == 403 ? Kind.FORBIDDEN
                : code == 0 || code == 429 || code == 503 ? Kind.UNAVAILABLE
                : Kind.FAILED;
        String said = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage()
                : e.getMessage();
        return new KubeProblem(kind, action + ": the Kubernetes API answered " + (code == 0 ? "nothing" : code)
                + ": " + said, e);
    }

    public Kind kind() {
        return kind;
    }
}
