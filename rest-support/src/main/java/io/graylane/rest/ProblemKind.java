package io.graylane.rest;

import io.graylane.events.release.Violation;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;

/**
 * A kind of problem a Graylane API answers with: its status, its type URI and its title. The kinds every
 * API shares are here; a service adds its own (docs/problems.md lists them all).
 *
 * @param slug the last segment of the type URI, e.g. {@code invalid-request}
 */
public record ProblemKind(int status, String slug, String title) {

    private static final String BASE = "https://graylane.io/problems/";

    public static final ProblemKind INVALID_REQUEST = new ProblemKind(400, "invalid-request", "The request is not valid");
    public static final ProblemKind NOT_FOUND = new ProblemKind(404, "not-found", "No such resource");
    public static final ProblemKind METHOD_NOT_ALLOWED = new ProblemKind(405, "method-not-allowed", "Method not allowed");
    public static final ProblemKind NOT_ACCEPTABLE = new ProblemKind(406, "not-acceptable", "Not acceptable");
    public static final ProblemKind BODY_TOO_LARGE = new ProblemKind(413, "body-too-large", "The body is too large");
    public static final ProblemKind UNSUPPORTED_MEDIA_TYPE = new ProblemKind(415, "unsupported-media-type",
            "Unsupported media type");
    public static final ProblemKind INTERNAL_ERROR = new ProblemKind(500, "internal-error", "Internal error");

    public String uri() {
        return BASE + slug;
    }

    /** The problem document of this kind for the request at {@code uri}. */
    public Problem problem(String detail, UriInfo uri, List<Violation> errors, Map<String, Object> extensions) {
        return new Problem(uri(), title, status, detail, uri.getPath(), errors, extensions);
    }

    /** The answer carrying {@link #problem}. */
    public Response answer(String detail, UriInfo uri, List<Violation> errors, Map<String, Object> extensions) {
        return Response.status(status).type(Problem.MEDIA_TYPE)
                .entity(problem(detail, uri, errors, extensions)).build();
    }

    public Response answer(String detail, UriInfo uri) {
        return answer(detail, uri, List.of(), Map.of());
    }
}
