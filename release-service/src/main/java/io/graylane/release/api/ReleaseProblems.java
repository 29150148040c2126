package io.graylane.release.api;

import io.graylane.release.domain.ReleaseException;
import io.graylane.rest.ProblemKind;
import jakarta.persistence.OptimisticLockException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The problems of the release API, on top of those every API shares (rest-support). */
public class ReleaseProblems {

    static final ProblemKind RELEASE_NOT_FOUND = new ProblemKind(404, "release-not-found", "No such release");
    static final ProblemKind RELEASE_EXISTS = new ProblemKind(409, "release-exists", "A release with this name exists");
    static final ProblemKind RELEASE_IN_PROGRESS = new ProblemKind(409, "release-in-progress",
            "Another release of this service is in progress");
    static final ProblemKind TRANSITION_NOT_ALLOWED = new ProblemKind(409, "transition-not-allowed",
            "Not allowed in the release's current phase");
    static final ProblemKind CONCURRENT_CHANGE = new ProblemKind(409, "concurrent-change",
            "The release changed while this request ran");
    static final ProblemKind STALE_GENERATION = new ProblemKind(412, "stale-generation",
            "The release changed since you read it");

    @ServerExceptionMapper
    public Response release(ReleaseException e, UriInfo uri) {
        return kind(e.kind()).answer(e.getMessage(), uri, e.errors(), e.extensions());
    }

    @ServerExceptionMapper
    public Response concurrentChange(OptimisticLockException e, UriInfo uri) {
        return CONCURRENT_CHANGE.answer("the release changed while this request ran; read it again and retry", uri,
                List.of(), Map.of());
    }

    private static ProblemKind kind(ReleaseException.Kind kind) {
        return switch (kind) {
            case INVALID_RELEASE -> ProblemKind.INVALID_REQUEST;
            case RELEASE_NOT_FOUND -> RELEASE_NOT_FOUND;
            case RELEASE_EXISTS -> RELEASE_EXISTS;
            case RELEASE_IN_PROGRESS -> RELEASE_IN_PROGRESS;
            case TRANSITION_NOT_ALLOWED -> TRANSITION_NOT_ALLOWED;
            case STALE_GENERATION -> STALE_GENERATION;
        };
    }
}
