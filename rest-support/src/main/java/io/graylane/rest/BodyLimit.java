package io.graylane.rest;

import io.graylane.rest.auth.OpenEndpoint;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The API's request bodies are at most {@code graylane.api.max-body-size} bytes (64 KiB; a release is a few
 * hundred): a larger one is answered 413 as a problem document, from its Content-Length before it is read, or
 * once a body sent without one passes the limit. Span ingest ({@link OpenEndpoint}s) has its own limit.
 */
public class BodyLimit {

    private final long maxBytes;

    BodyLimit(@ConfigProperty(name = "graylane.api.max-body-size", defaultValue = "65536") long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @ServerRequestFilter
    public Response limit(ContainerRequestContext request, ResourceInfo resource, UriInfo uri) {
        Class<?> resourceClass = resource.getResourceClass();
        if (resourceClass == null || resourceClass.isAnnotationPresent(OpenEndpoint.class)) {
            return null;
        }
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (length != null && length.chars().allMatch(Character::isDigit) && !length.isEmpty()
                && (length.length() > 18 || Long.parseLong(length) > maxBytes)) {
            return tooLarge(uri);
        }
        request.setEntityStream(new Limited(request.getEntityStream(), maxBytes));
        return null;
    }

    @ServerExceptionMapper
    public Response tooLarge(TooLarge e, UriInfo uri) {
        return tooLarge(uri);
    }

    private Response tooLarge(UriInfo uri) {
        return ProblemKind.BODY_TOO_LARGE.answer("the request body is larger than " + maxBytes + " bytes"
                + " (graylane.api.max-body-size)", uri);
    }

    /** A body that passed the limit while it was read. */
    static final class TooLarge extends RuntimeException {
        TooLarge() {
            super("request body over the limit", null, false, false);
        }
    }

    private static final class Limited extends FilterInputStream {
        private long left;

        Limited(InputStream in, long max) {
            super(in);
            this.left = max;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0 && --left < 0) {
                throw new TooLarge();
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0 && (left -= n) < 0) {
                throw new TooLarge();
            }
            return n;
        }
    }
}
