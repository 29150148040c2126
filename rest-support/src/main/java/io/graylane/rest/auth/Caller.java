package io.graylane.rest.auth;

import io.graylane.events.access.Grants;
import io.graylane.events.access.Role;

/**
 * Who is calling, once its token was verified: the token's subject (the actor recorded for its changes) and
 * its roles by namespace.
 */
public record Caller(String subject, Grants grants) {

    public boolean mayRead(String namespace) {
        return grants.mayRead(namespace);
    }

    public boolean allows(String namespace, Role needed) {
        return grants.allows(namespace, needed);
    }
}
