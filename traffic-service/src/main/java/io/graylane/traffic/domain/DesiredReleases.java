package io.graylane.traffic.domain;

import io.graylane.events.MalformedEventException;
import io.graylane.events.release.DesiredRelease;
import io.graylane.events.release.Intent;
import io.graylane.events.release.ReleaseValidator;
import io.graylane.events.release.Violation;
import java.util.ArrayList;
import java.util.List;

/** Checks a desired release from the topic by the same rules release-service accepted it by. */
public final class DesiredReleases {

    private static final ReleaseValidator VALIDATOR = new ReleaseValidator();

    private DesiredReleases() {
    }

    public static DesiredRelease valid(DesiredRelease release) {
        List<Violation> violations = new ArrayList<>(VALIDATOR.validateDesired(release.namespace(), release.name(),
                release.strategy(), release.service(), release.baseline(), release.candidate(), release.traffic(),
                release.rollout()));
        if (release.intent() == null) {
            violations.add(new Violation("intent", "is required"));
        } else if (release.intent() != Intent.SPLIT && (release.governor() == null || release.baseline() == null
                || release.candidate() == null || !(release.governor().equals(release.baseline().version())
                || release.governor().equals(release.candidate().version())))) {
            violations.add(new Violation("governor", "must name the baseline or the candidate for " + release.intent()));
        }
        if (release.generation() < 1) {
            violations.add(new Violation("generation", "must be at least 1"));
        }
        if (!violations.isEmpty()) {
            throw new MalformedEventException("invalid desired release: " + violations.stream()
                    .map(v -> v.field() + " " + v.message()).toList());
        }
        return release;
    }
}
