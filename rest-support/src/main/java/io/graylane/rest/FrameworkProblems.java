package io.graylane.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.graylane.events.release.Violation;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Problem documents for what every API can meet: unreadable bodies, what the framework refuses on its own
 * (404, 405, 406, 415) and bugs (500, with an incident id that is also logged). Resources never build
 * error bodies themselves.
 */
public class FrameworkProblems {

    private static final Logger LOG = Logger.getLogger(FrameworkProblems.class);

    private final AllowedMethods allowedMethods;

    FrameworkProblems(AllowedMethods allowedMethods) {
        this.allowedMethods = allowedMethods;
    }

    @ServerExceptionMapper({JsonProcessingException.class, MismatchedInputException.class})
    public Response unreadableBody(JsonProcessingException e, UriInfo uri) {
        Violation violation = JsonErrors.describe(e);
        return ProblemKind.INVALID_REQUEST.answer(violation.field() + ": " + violation.message(), uri,
                List.of(violation), Map.of());
    }

    @ServerExceptionMapper
    public Response framework(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException unreadable) {
            return unreadableBody(unreadable, uri);
        }
        int status = e.getResponse().getStatus();
        return switch (status) {
            case 404 -> ProblemKind.NOT_FOUND.answer("nothing at " + uri.getPath(), uri);
            case 405 -> Response.fromResponse(ProblemKind.METHOD_NOT_ALLOWED.answer("this resource allows "
                    + allowedMethods.at(uri.getPath()), uri))
                    .header(HttpHeaders.ALLOW, allowedMethods.at(uri.getPath())).build();
            case 406 -> ProblemKind.NOT_ACCEPTABLE.answer("this API answers with application/json (problems with"
                    + " application/problem+json)", uri);
            case 415 -> ProblemKind.UNSUPPORTED_MEDIA_TYPE.answer("send the body as JSON with Content-Type:"
                    + " application/json", uri);
            default -> other(status, e, uri);
        };
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri) {
        String incident = UUID.randomUUID().toString();
        LOG.errorf(e, "incident %s at %s", incident, uri.getPath());
        return ProblemKind.INTERNAL_ERROR.answer("something went wrong on our side; quote incident " + incident
                + " when you report it", uri, List.of(), Map.of("incident", incident));
    }

    /** A status with no kind of its own: RFC 9457's about:blank, titled with the status's reason phrase. */
    private static Response other(int status, WebApplicationException e, UriInfo uri) {
        if (status == 400) {
            return ProblemKind.INVALID_REQUEST.answer("the request could not be read: check the path, query and"
                    + " headers", uri);
        }
        Response.Status known = Response.Status.fromStatusCode(status);
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(new Problem("about:blank",
                known == null ? "Error" : known.getReasonPhrase(), status, e.getMessage(), uri.getPath(), List.of(),
                Map.of())).build();
    }
}
