package io.graylane.traffic.domain;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The label keys that tell a service's versions apart, tried in order: Bookinfo's {@code app}/{@code version},
 * then Kubernetes' recommended {@code app.kubernetes.io/name}/{@code app.kubernetes.io/version} (configurable).
 */
public record VersionLabels(List<Pair> pairs) {

    /** One way of labelling: the key naming the application and the key naming its version. */
    public record Pair(String app, String version) {
    }

    /** A Deployment of a version, and the pair of keys it was found by. */
    public record Found(Deployment deployment, Pair labels) {
    }

    public static VersionLabels of(List<String> appKeys, List<String> versionKeys) {
        if (appKeys.size() != versionKeys.size() || appKeys.isEmpty()) {
            throw new IllegalArgumentException("graylane.versions: app-labels " + appKeys + " and version-labels "
                    + versionKeys + " must be pairs");
        }
        List<Pair> pairs = new ArrayList<>();
        for (int i = 0; i < appKeys.size(); i++) {
            pairs.add(new Pair(appKeys.get(i), versionKeys.get(i)));
        }
        return new VersionLabels(List.copyOf(pairs));
    }

    /** The Deployment labelled with the service and version by the first pair that finds one (by name if several). */
    public Optional<Found> find(List<Deployment> deployments, String service, String version) {
        for (Pair pair : pairs) {
            Optional<Deployment> found = deployments.stream()
                    .filter(d -> service.equals(labels(d).get(pair.app())) && version.equals(labels(d).get(pair.version())))
                    .min(Comparator.comparing(d -> d.getMetadata().getName()));
            if (found.isPresent()) {
                return Optional.of(new Found(found.get(), pair));
            }
        }
        return Optional.empty();
    }

    /** Every version label key the pod template carries, so a candidate's pods say their version everywhere. */
    public List<String> versionKeysIn(Map<String, String> templateLabels) {
        return pairs.stream().map(Pair::version).distinct().filter(templateLabels::containsKey).toList();
    }

    /** Human words for the labels searched, for messages. */
    public String describe(String service, String version) {
        return String.join(" or ", pairs.stream().map(p -> p.app() + "=" + service + "," + p.version() + "=" + version)
                .toList());
    }

    private static Map<String, String> labels(Deployment deployment) {
        return deployment.getMetadata().getLabels() == null ? Map.of() : deployment.getMetadata().getLabels();
    }
}
