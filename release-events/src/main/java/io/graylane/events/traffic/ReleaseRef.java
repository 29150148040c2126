package io.graylane.events.traffic;

import io.graylane.events.MalformedEventException;

/** Checks shared by every report about a release generation. */
final class ReleaseRef {

    private ReleaseRef() {
    }

    static void require(String namespace, String name, Long generation) {
        if (namespace == null || namespace.isBlank()) {
            throw new MalformedEventException("'namespace' is required");
        }
        if (name == null || name.isBlank()) {
            throw new MalformedEventException("'name' is required");
        }
        if (generation == null || generation < 1) {
            throw new MalformedEventException("'generation' is required and must be at least 1");
        }
    }
}
