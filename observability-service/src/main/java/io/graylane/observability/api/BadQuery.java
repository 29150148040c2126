package io.graylane.observability.api;

import io.graylane.rest.ProblemKind;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** A query parameter that cannot be used; answered 400 with what is wrong. */
public class BadQuery extends RuntimeException {

    public BadQuery(String message) {
        super(message);
    }

    /** Maps {@link BadQuery} to its problem document. */
    public static class Mapper {
        @ServerExceptionMapper
        public Response badQuery(BadQuery e, UriInfo uri) {
            return ProblemKind.INVALID_REQUEST.answer(e.getMessage(), uri);
        }
    }
}
