package io.graylane.events.access;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A caller's roles, read from the group names of its token: {@code <prefix>admin} for every namespace, and
 * {@code <prefix><role>:<namespace>} for one (with the default prefix {@code graylane:}, e.g.
 * {@code graylane:operator:team-a}). Groups of any other form are someone else's and ignored.
 *
 * @param admin whether the caller may do everything everywhere
 * @param namespaces the highest role the caller holds in each namespace it was given
 */
public record Grants(boolean admin, Map<String, Role> namespaces) {

    public static final String DEFAULT_PREFIX = "graylane:";

    public Grants {
        namespaces = Map.copyOf(namespaces);
    }

    public static Grants none() {
        return new Grants(false, Map.of());
    }

    /** The grants the {@code groups} name, each group read as {@code prefix + admin} or {@code prefix + role:ns}. */
    public static Grants fromGroups(Collection<String> groups, String prefix) {
        boolean admin = false;
        Map<String, Role> namespaces = new LinkedHashMap<>();
        for (String group : groups) {
            if (group == null || !group.startsWith(prefix)) {
                continue;
            }
            String rest = group.substring(prefix.length());
            if (rest.equals(Role.ADMIN.label())) {
                admin = true;
                continue;
            }
            int colon = rest.indexOf(':');
            if (colon <= 0 || colon == rest.length() - 1) {
                continue;
            }
            Optional<Role> role = Role.named(rest.substring(0, colon));
            String namespace = rest.substring(colon + 1);
            role.ifPresent(r -> namespaces.merge(namespace, r, (a, b) -> a.includes(b) ? a : b));
        }
        return new Grants(admin, namespaces);
    }

    /** The group names that grant {@code role} in each of {@code namespaces} (admin: every namespace). */
    public static List<String> groupsFor(Role role, Collection<String> namespaces, String prefix) {
        if (role == Role.ADMIN) {
            return List.of(prefix + Role.ADMIN.label());
        }
        return namespaces.stream().map(namespace -> prefix + role.label() + ":" + namespace).toList();
    }

    /** Whether the caller may do what {@code needed} allows in {@code namespace}. */
    public boolean allows(String namespace, Role needed) {
        if (admin) {
            return true;
        }
        Role held = namespaces.get(namespace);
        return held != null && held.includes(needed);
    }

    /** Whether the caller may read {@code namespace}. */
    public boolean mayRead(String namespace) {
        return allows(namespace, Role.VIEWER);
    }
}
