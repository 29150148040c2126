package io.graylane.release.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.graylane.events.release.Violation;
import io.graylane.release.domain.ReleaseException;
import jakarta.persistence.OptimisticLockException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns every failure into an RFC 9457 problem document; resources never build error bodies. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response release(ReleaseException e, UriInfo uri) {
        return answer(ProblemType.of(e.kind()), e.getMessage(), uri, e.errors(), e.extensions());
    }

    @ServerExceptionMapper({JsonProcessingException.class, MismatchedInputException.class})
    public Response unreadableBody(JsonProcessingException e, UriInfo uri) {
        Violation violation = JsonErrors.describe(e);
        return answer(ProblemType.INVALID_REQUEST, violation.field() + ": " + violation.message(), uri,
                List.of(violation), Map.of());
    }

    @ServerExceptionMapper
    public Response concurrentChange(OptimisticLockException e, UriInfo uri) {
        return answer(ProblemType.CONCURRENT_CHANGE, "the release changed while this request ran;"
                + " read it again and retry", uri, List.of(), Map.of());
    }

    @ServerExceptionMapper
    public Response framework(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException unreadable) {
            return unreadableBody(unreadable, uri);
        }
        Response original = e.getResponse();
        ProblemType type = ProblemType.ofStatus(original.getStatus()).orElse(null);
        if (type == null) {
            String title = Response.Status.fromStatusCode(original.getStatus()) == null ? "Error"
                    : Response.Status.fromStatusCode(original.getStatus()).getReasonPhrase();
            return respond(new Problem("about:blank", title, original.getStatus(), e.getMessage(), uri.getPath(),
                    List.of(), Map.of()));
        }
        Response answer = respond(problem(type, frameworkDetail(type, uri), uri, List.of(), Map.of()));
        return type == ProblemType.METHOD_NOT_ALLOWED
                ? Response.fromResponse(answer).header(HttpHeaders.ALLOW, AllowedMethods.at(uri.getPath())).build()
                : answer;
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri) {
        String incident = UUID.randomUUID().toString();
        LOG.errorf(e, "incident %s at %s", incident, uri.getPath());
        return answer(ProblemType.INTERNAL_ERROR, "something went wrong on our side; quote incident " + incident
                + " when you report it", uri, List.of(), Map.of("incident", incident));
    }

    private static String frameworkDetail(ProblemType type, UriInfo uri) {
        return switch (type) {
            case NOT_FOUND -> "nothing at " + uri.getPath() + "; releases live under"
                    + " /api/v1/namespaces/{namespace}/releases";
            case METHOD_NOT_ALLOWED -> "this resource allows " + AllowedMethods.at(uri.getPath());
            case UNSUPPORTED_MEDIA_TYPE -> "send the body as JSON with Content-Type: application/json";
            case NOT_ACCEPTABLE -> "this API answers with application/json (problems with application/problem+json)";
            default -> "the request could not be read: check the path, query and headers";
        };
    }

    private static Response answer(ProblemType type, String detail, UriInfo uri, List<Violation> errors,
            Map<String, Object> extensions) {
        return respond(problem(type, detail, uri, errors, extensions));
    }

    private static Problem problem(ProblemType type, String detail, UriInfo uri, List<Violation> errors,
            Map<String, Object> extensions) {
        return new Problem(type.uri(), type.title(), type.status(), detail, uri.getPath(), errors, extensions);
    }

    private static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
