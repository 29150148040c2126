package io.graylane.traffic.domain;

import io.fabric8.istio.api.api.networking.v1alpha3.Subset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The subsets of a service's DestinationRule for one release: one per version in play, named after the
 * version and selecting {@code version=<name>}. The candidate's subset is Graylane's and is kept exactly so;
 * a subset the user already had for the baseline stays as written; the removed version's subset goes.
 */
public final class SubsetPlan {

    private SubsetPlan() {
    }

    public static List<Subset> plan(Target target, List<Subset> current) {
        List<Subset> subsets = new ArrayList<>();
        for (Subset subset : current == null ? List.<Subset>of() : current) {
            if (subset.getName() != null && subset.getName().equals(target.removed())) {
                continue;
            }
            boolean owned = !target.closing() && target.candidate().equals(subset.getName());
            subsets.add(owned ? enforced(subset, target.candidate()) : subset);
        }
        for (String version : target.versions()) {
            if (subsets.stream().noneMatch(subset -> version.equals(subset.getName()))) {
                subsets.add(of(version));
            }
        }
        return subsets;
    }

    public static Subset of(String version) {
        Subset subset = new Subset();
        subset.setName(version);
        subset.setLabels(Map.of("version", version));
        return subset;
    }

    private static Subset enforced(Subset subset, String version) {
        Subset copy = subset.toBuilder().build();
        copy.setLabels(Map.of("version", version));
        return copy;
    }
}
