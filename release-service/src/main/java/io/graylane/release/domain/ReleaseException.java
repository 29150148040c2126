package io.graylane.release.domain;

import io.graylane.events.release.Violation;
import java.util.List;
import java.util.Map;

/** A request the release cannot honour; {@link Kind} says which rule it broke. */
public class ReleaseException extends RuntimeException {

    /** The rule broken, from the caller's point of view. */
    public enum Kind {
        INVALID_RELEASE,
        RELEASE_NOT_FOUND,
        RELEASE_EXISTS,
        RELEASE_IN_PROGRESS,
        TRANSITION_NOT_ALLOWED,
        STALE_GENERATION
    }

    private final Kind kind;
    private final List<Violation> errors;
    private final Map<String, Object> extensions;

    private ReleaseException(Kind kind, String detail, List<Violation> errors, Map<String, Object> extensions) {
        super(detail);
        this.kind = kind;
        this.errors = List.copyOf(errors);
        this.extensions = Map.copyOf(extensions);
    }

    public static ReleaseException invalid(List<Violation> errors) {
        String detail = errors.size() == 1
                ? errors.get(0).field() + ": " + errors.get(0).message()
                : errors.size() + " fields are invalid; see errors";
        return new ReleaseException(Kind.INVALID_RELEASE, detail, errors, Map.of());
    }

    public static ReleaseException invalid(String field, String message) {
        return invalid(List.of(new Violation(field, message)));
    }

    public static ReleaseException notFound(String namespace, String name) {
        return new ReleaseException(Kind.RELEASE_NOT_FOUND, "no release '" + name + "' in namespace '"
                + namespace + "'", List.of(), Map.of());
    }

    public static ReleaseException exists(String namespace, String name) {
        return new ReleaseException(Kind.RELEASE_EXISTS, "a release named '" + name + "' already exists in"
                + " namespace '" + namespace + "'; names are never reused, pick another", List.of(), Map.of());
    }

    /** @param inProgress the name of the release in progress, when known */
    public static ReleaseException inProgress(String namespace, String service, String inProgress) {
        String detail = inProgress == null
                ? "another release of service '" + service + "' is in progress in namespace '" + namespace + "'"
                : "release '" + inProgress + "' of service '" + service + "' is still in progress in namespace '"
                        + namespace + "'; complete it (offline) or roll it back first";
        return new ReleaseException(Kind.RELEASE_IN_PROGRESS, detail, List.of(),
                inProgress == null ? Map.of() : Map.of("releaseInProgress", inProgress));
    }

    public static ReleaseException notAllowed(Release release, String detail) {
        return new ReleaseException(Kind.TRANSITION_NOT_ALLOWED, detail, List.of(),
                Map.of("phase", release.phase.name()));
    }

    public static ReleaseException staleGeneration(long expected, long actual) {
        return new ReleaseException(Kind.STALE_GENERATION, "If-Match names generation " + expected
                + " but the release is at generation " + actual + "; read it again and retry",
                List.of(), Map.of("generation", actual));
    }

    /** A weak entity tag in If-Match, which compares strongly: it never matches. */
    public static ReleaseException weakTag(String header) {
        return new ReleaseException(Kind.STALE_GENERATION, "If-Match " + header + " is a weak entity tag; If-Match"
                + " compares strongly (RFC 9110, 13.1.1), so it never matches: send the ETag as given, e.g. \"3\"",
                List.of(), Map.of());
    }

    public Kind kind() {
        return kind;
    }

    public List<Violation> errors() {
        return errors;
    }

    /** Members added to the problem document, e.g. the current {@code phase}. */
    public Map<String, Object> extensions() {
        return extensions;
    }
}
