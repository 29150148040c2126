package io.graylane.rest.auth;

import io.graylane.events.access.Grants;
import io.graylane.events.access.Role;
import io.graylane.rest.ProblemKind;
import io.quarkus.oidc.OIDCException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Who may call what, for every resource of a service: a verified bearer token (401 otherwise), and under
 * {@code /api/v1/namespaces/{namespace}} the role the method needs in that namespace (403 otherwise):
 * {@code viewer} to read (GET, HEAD), {@code operator} to change. The answer for a namespace the caller may not
 * read is the same whether or not what it names exists. Resources without a namespace (trace queries) need a
 * token and answer with what the caller may read; {@link OpenEndpoint}s need nothing.
 */
public class Authorization {

    static final ProblemKind UNAUTHENTICATED = new ProblemKind(401, "unauthenticated", "Authentication required");
    static final ProblemKind FORBIDDEN = new ProblemKind(403, "forbidden", "Not allowed");
    static final ProblemKind PROVIDER_UNAVAILABLE = new ProblemKind(503, "identity-provider-unavailable",
            "The identity provider cannot be reached");

    private final CurrentIdentityAssociation identities;
    private final CurrentCaller current;
    private final String groupPrefix;

    Authorization(CurrentIdentityAssociation identities, CurrentCaller current,
            @ConfigProperty(name = "graylane.auth.group-prefix", defaultValue = Grants.DEFAULT_PREFIX) String groupPrefix) {
        this.identities = identities;
        this.current = current;
        this.groupPrefix = groupPrefix;
    }

    @ServerRequestFilter(priority = Priorities.AUTHORIZATION)
    public Uni<Response> authorize(ContainerRequestContext request, ResourceInfo resource, UriInfo uri) {
        Class<?> resourceClass = resource.getResourceClass();
        if (resourceClass == null || resourceClass.isAnnotationPresent(OpenEndpoint.class)) {
            return Uni.createFrom().nullItem();
        }
        return identities.getDeferredIdentity().map(identity -> decide(identity, request.getMethod(), uri));
    }

    private Response decide(SecurityIdentity identity, String method, UriInfo uri) {
        if (identity.isAnonymous()) {
            return unauthenticated("send a bearer token (Authorization: Bearer <token>); ./graylane token prints one"
                    + " for the local stack", uri);
        }
        String subject = identity.getPrincipal().getName();
        if (subject == null || subject.isBlank()) {
            return unauthenticated("the token names no subject (sub): every change is recorded with its actor", uri);
        }
        Caller caller = new Caller(subject, Grants.fromGroups(identity.getRoles(), groupPrefix));
        String namespace = uri.getPathParameters().getFirst("namespace");
        if (namespace != null) {
            Role needed = method.equals(HttpMethod.GET) || method.equals(HttpMethod.HEAD) ? Role.VIEWER : Role.OPERATOR;
            if (!caller.allows(namespace, needed)) {
                return FORBIDDEN.answer(caller.subject() + " may not " + (needed == Role.VIEWER ? "read" : "change")
                        + " namespace '" + namespace + "': that needs the " + needed.label() + " role there ("
                        + groupPrefix + needed.label() + ":" + namespace + ") or " + groupPrefix + "admin", uri);
            }
        }
        current.set(caller);
        return null;
    }

    /** A token that is not valid: expired, from another issuer, badly signed or unreadable. */
    @ServerExceptionMapper
    public Response invalidToken(AuthenticationFailedException e, UriInfo uri) {
        return unauthenticated("the bearer token is not valid (expired, from another issuer, or not signed by its"
                + " keys)", uri);
    }

    /** The OpenID provider (its discovery document or keys) cannot be reached to verify a token: try again. */
    @ServerExceptionMapper
    public Response providerUnavailable(OIDCException e, UriInfo uri) {
        return Response.fromResponse(PROVIDER_UNAVAILABLE.answer("the token cannot be verified now: the OpenID"
                + " provider (GRAYLANE_OIDC_ISSUER) does not answer; try again", uri))
                .header(HttpHeaders.RETRY_AFTER, "5").build();
    }

    private static Response unauthenticated(String detail, UriInfo uri) {
        return Response.fromResponse(UNAUTHENTICATED.answer(detail, uri))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }
}
