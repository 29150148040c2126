package io.graylane.release.api;

import io.graylane.release.domain.ReleaseException;
import java.util.Optional;

/** The kinds of problem the API answers with; each is explained in docs/problems.md. */
public enum ProblemType {
    INVALID_REQUEST(400, "invalid-request", "The request is not valid"),
    RELEASE_NOT_FOUND(404, "release-not-found", "No such release"),
    NOT_FOUND(404, "not-found", "No such resource"),
    METHOD_NOT_ALLOWED(405, "method-not-allowed", "Method not allowed"),
    NOT_ACCEPTABLE(406, "not-acceptable", "Not acceptable"),
    RELEASE_EXISTS(409, "release-exists", "A release with this name exists"),
    RELEASE_IN_PROGRESS(409, "release-in-progress", "Another release of this service is in progress"),
    TRANSITION_NOT_ALLOWED(409, "transition-not-allowed", "Not allowed in the release's current phase"),
    CONCURRENT_CHANGE(409, "concurrent-change", "The release changed while this request ran"),
    STALE_GENERATION(412, "stale-generation", "The release changed since you read it"),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "Unsupported media type"),
    INTERNAL_ERROR(500, "internal-error", "Internal error");

    private static final String BASE = "https://graylane.io/problems/";

    private final int status;
    private final String slug;
    private final String title;

    ProblemType(int status, String slug, String title) {
        this.status = status;
        this.slug = slug;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String uri() {
        return BASE + slug;
    }

    public String title() {
        return title;
    }

    static ProblemType of(ReleaseException.Kind kind) {
        return switch (kind) {
            case INVALID_RELEASE -> INVALID_REQUEST;
            case RELEASE_NOT_FOUND -> RELEASE_NOT_FOUND;
            case RELEASE_EXISTS -> RELEASE_EXISTS;
            case RELEASE_IN_PROGRESS -> RELEASE_IN_PROGRESS;
            case TRANSITION_NOT_ALLOWED -> TRANSITION_NOT_ALLOWED;
            case STALE_GENERATION -> STALE_GENERATION;
        };
    }

    /** The type of a status the framework answered with on its own, e.g. 405 for an unmapped method. */
    static Optional<ProblemType> ofStatus(int status) {
        return switch (status) {
            case 400 -> Optional.of(INVALID_REQUEST);
            case 404 -> Optional.of(NOT_FOUND);
            case 405 -> Optional.of(METHOD_NOT_ALLOWED);
            case 406 -> Optional.of(NOT_ACCEPTABLE);
            case 415 -> Optional.of(UNSUPPORTED_MEDIA_TYPE);
            default -> Optional.empty();
        };
    }
}
