package io.graylane.events.release;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The rules a release must follow to be accepted; every broken rule is reported, not only the first. */
public final class ReleaseValidator {

    static final int MAX_REPLICAS = 100;

    private final TrafficRules trafficRules = new TrafficRules();
    private final RolloutRules rolloutRules = new RolloutRules();

    /**
     * Checks a release about to be created; {@code namespace} comes from the path. With a {@code rollout},
     * {@code traffic} may be left out (the first step's weights are used); when given it must equal them.
     */
    public List<Violation> validateNew(String namespace, String name, Strategy strategy, String service,
            Baseline baseline, Candidate candidate, TrafficPolicy traffic, Rollout rollout) {
        return validate(namespace, name, strategy, service, baseline, candidate, traffic, rollout, true);
    }

    /**
     * Checks a release's desired state at any generation, as its events carry it: as {@link #validateNew}, except
     * that under a rollout the traffic may be any of its steps' (and is always given).
     */
    public List<Violation> validateDesired(String namespace, String name, Strategy strategy, String service,
            Baseline baseline, Candidate candidate, TrafficPolicy traffic, Rollout rollout) {
        return validate(namespace, name, strategy, service, baseline, candidate, traffic, rollout, false);
    }

    private List<Violation> validate(String namespace, String name, Strategy strategy, String service,
            Baseline baseline, Candidate candidate, TrafficPolicy traffic, Rollout rollout, boolean creating) {
        List<Violation> found = new ArrayList<>();
        dnsLabel(found, "namespace", namespace);
        dnsLabel(found, "name", name);
        dnsLabel(found, "service", service);
        if (strategy == null) {
            found.add(new Violation("strategy", "is required: one of CANARY, BLUE_GREEN, MIRROR"));
        }
        versions(found, baseline, candidate);
        if (candidate != null) {
            image(found, candidate.image());
            replicas(found, candidate.replicas());
        }
        if (strategy != null && versionsValid(baseline, candidate)) {
            if (rollout != null) {
                rolloutRules.validate(found, strategy, baseline.version(), candidate.version(), rollout, traffic,
                        creating);
            }
            if (rollout == null || traffic != null || !creating) {
                found.addAll(validateTraffic(strategy, baseline, candidate, traffic));
            }
        }
        return found;
    }

    /** The traffic a new release starts with: its own, or with a rollout and none, the first step's weights. */
    public static TrafficPolicy initialTraffic(Baseline baseline, Candidate candidate, TrafficPolicy traffic,
            Rollout rollout) {
        return traffic != null || rollout == null ? traffic : stepTraffic(baseline, candidate, rollout, 0);
    }

    /** The traffic of a rollout's step {@code index} (0-based). */
    public static TrafficPolicy stepTraffic(Baseline baseline, Candidate candidate, Rollout rollout, int index) {
        int weight = rollout.steps().get(index);
        return new TrafficPolicy(Map.of(baseline.version(), 100 - weight, candidate.version(), weight),
                null, null, null);
    }

    /** Checks a traffic policy against the release's strategy and versions. */
    public List<Violation> validateTraffic(Strategy strategy, Baseline baseline, Candidate candidate,
            TrafficPolicy traffic) {
        return trafficRules.validate(strategy, baseline.version(), candidate.version(), traffic);
    }

    private static void versions(List<Violation> found, Baseline baseline, Candidate candidate) {
        if (baseline == null) {
            found.add(new Violation("baseline", "is required: {\"version\": \"<version running today>\"}"));
        } else {
            dnsLabel(found, "baseline.version", baseline.version());
        }
        if (candidate == null) {
            found.add(new Violation("candidate", "is required: {\"version\", \"image\", \"replicas\"}"));
            return;
        }
        dnsLabel(found, "candidate.version", candidate.version());
        if (baseline != null && candidate.version() != null && candidate.version().equals(baseline.version())) {
            found.add(new Violation("candidate.version",
                    "must differ from the baseline version '" + baseline.version() + "'"));
        }
    }

    private static boolean versionsValid(Baseline baseline, Candidate candidate) {
        return baseline != null && candidate != null && Names.isDnsLabel(baseline.version())
                && Names.isDnsLabel(candidate.version()) && !candidate.version().equals(baseline.version());
    }

    private static void image(List<Violation> found, String image) {
        if (image == null || image.isBlank()) {
            found.add(new Violation("candidate.image", "is required, e.g. kubesphere/examples-bookinfo-reviews-v2:1.13.0"));
        } else if (!Names.isImageReference(image)) {
            found.add(new Violation("candidate.image", "'" + image + "' is not a valid OCI image reference"
                    + " ([registry/]repository[:tag][@digest], repository in lowercase)"));
        }
    }

    private static void replicas(List<Violation> found, Integer replicas) {
        if (replicas != null && (replicas < 1 || replicas > MAX_REPLICAS)) {
            found.add(new Violation("candidate.replicas", "must be between 1 and " + MAX_REPLICAS
                    + " (leave it out to run as many as the baseline), got " + replicas));
        }
    }

    private static void dnsLabel(List<Violation> found, String field, String value) {
        if (value == null || value.isEmpty()) {
            found.add(new Violation(field, "is required"));
        } else if (!Names.isDnsLabel(value)) {
            found.add(new Violation(field, "'" + value + "' is not a DNS-1123 label: " + Names.DNS_LABEL_RULE));
        }
    }
}
