package io.graylane.observability.ingest;

import io.graylane.rest.ProblemKind;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The problems of ingest: unreadable spans, bodies too large, overload. */
public class IngestProblems {

    static final ProblemKind UNREADABLE = new ProblemKind(400, "invalid-spans", "The spans cannot be read");
    static final ProblemKind OVERLOADED = new ProblemKind(503, "overloaded", "Too many spans at once");

    @ServerExceptionMapper
    public Response unreadable(UnreadableSpans e, UriInfo uri) {
        return UNREADABLE.answer(e.getMessage(), uri);
    }

    @ServerExceptionMapper
    public Response tooLarge(IngestGate.TooLarge e, UriInfo uri) {
        return ProblemKind.BODY_TOO_LARGE.answer(e.getMessage(), uri);
    }

    @ServerExceptionMapper
    public Response overloaded(IngestGate.Overloaded e, UriInfo uri) {
        return Response.fromResponse(OVERLOADED.answer(e.getMessage(), uri)).header("Retry-After", "1").build();
    }
}
