package io.graylane.traffic.domain;

import io.graylane.events.release.DesiredRelease;
import io.graylane.events.release.Intent;
import io.graylane.events.release.Strategy;
import io.graylane.events.release.TrafficPolicy;
import java.util.LinkedHashSet;
import java.util.Set;

/** What one generation of a release asks of the cluster, in the terms traffic-service works with. */
public record Target(DesiredRelease release) {

    public String namespace() {
        return release.namespace();
    }

    public String service() {
        return release.service();
    }

    public String baseline() {
        return release.baseline().version();
    }

    public String candidate() {
        return release.candidate().version();
    }

    /** The name of the candidate's Deployment: {@code <service>-<candidate version>}. */
    public String candidateDeployment() {
        return service() + "-" + candidate();
    }

    /** Rollback and offline leave one version and remove the other. */
    public boolean closing() {
        return release.intent() == Intent.ROLLBACK || release.intent() == Intent.OFFLINE;
    }

    /** The version that stays when closing. */
    public String keeper() {
        return release.governor();
    }

    /** The version removed when closing, or {@code null}. */
    public String removed() {
        if (!closing()) {
            return null;
        }
        return keeper().equals(baseline()) ? candidate() : baseline();
    }

    /** The versions whose subsets must exist. */
    public Set<String> versions() {
        return closing() ? Set.of(keeper()) : new LinkedHashSet<>(java.util.List.of(baseline(), candidate()));
    }

    /** Whether any request, or a copy of one, is to reach the candidate. */
    public boolean usesCandidate() {
        if (release.intent() == Intent.TAKEOVER) {
            return candidate().equals(release.governor());
        }
        if (closing()) {
            return candidate().equals(keeper());
        }
        TrafficPolicy traffic = release.traffic();
        return switch (release.strategy()) {
            case CANARY -> traffic.matches() != null
                    || traffic.weights().getOrDefault(candidate(), 0) > 0;
            case BLUE_GREEN -> candidate().equals(traffic.active());
            case MIRROR -> true;
        };
    }

    public Strategy strategy() {
        return release.strategy();
    }

    public long generation() {
        return release.generation();
    }
}
