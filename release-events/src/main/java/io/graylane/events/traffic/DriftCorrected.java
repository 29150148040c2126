package io.graylane.events.traffic;

import java.util.List;

/**
 * Someone edited a route or subset that a release owns; traffic-service put the desired state back.
 *
 * @param changes one line per field that was put back, e.g. {@code route graylane-canary: weight v2 50 -> 30}
 */
public record DriftCorrected(String namespace, String name, Long generation, List<String> changes) {

    public DriftCorrected {
        ReleaseRef.require(namespace, name, generation);
        changes = changes == null ? List.of() : List.copyOf(changes);
    }
}
