package io.graylane.events.access;

import java.util.Locale;
import java.util.Optional;

/**
 * What a person may do in a namespace, as KubeSphere's project roles: {@code viewer} reads, {@code operator} also
 * creates and changes releases (rollout actions, Bookinfo deploy and traffic), {@code admin} may do everything in
 * every namespace. Each role includes the ones before it.
 */
public enum Role {
    VIEWER, OPERATOR, ADMIN;

    /** Whether a holder of this role may do what {@code needed} allows. */
    public boolean includes(Role needed) {
        return compareTo(needed) >= 0;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> named(String label) {
        for (Role role : values()) {
            if (role.label().equals(label)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
