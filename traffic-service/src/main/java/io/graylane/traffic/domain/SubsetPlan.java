package io.graylane.traffic.domain;

import io.fabric8.istio.api.api.networking.v1alpha3.Subset;
import io.fabric8.istio.api.networking.v1.VirtualService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The subsets of a Service's DestinationRule for one release: one per version in play, named after the
 * version and selecting its pods by the version label the baseline is found by. The candidate's subset is
 * Graylane's and is kept exactly so; a subset the user already had stays as written. The removed version's
 * subset goes only when no route of any VirtualService of the namespace (http, tcp, tls) still refers to it.
 */
public final class SubsetPlan {

    private SubsetPlan() {
    }

    /** The subsets planned, and one note per subset kept because a route still refers to it. */
    public record Result(List<Subset> subsets, List<String> notes) {
    }

    /**
     * @param virtualServices the namespace's VirtualServices as they are once this pass has written its own
     */
    public static Result plan(Target target, String versionLabel, List<Subset> current,
            List<VirtualService> virtualServices) {
        List<Subset> subsets = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (Subset subset : current == null ? List.<Subset>of() : current) {
            if (target.closing() && target.removed().equals(subset.getName())) {
                List<String> references = SubsetReferences.of(virtualServices, target.service(), target.namespace(),
                        subset.getName());
                if (references.isEmpty()) {
                    continue;
                }
                notes.add("subset " + subset.getName() + " kept: " + String.join(", ", references)
                        + " still send" + (references.size() == 1 ? "s" : "") + " traffic to it (Graylane does not"
                        + " own " + (references.size() == 1 ? "it" : "them") + "); re-point "
                        + (references.size() == 1 ? "it" : "them") + " to " + target.keeper()
                        + ", then remove the subset");
            }
            boolean owned = !target.closing() && target.candidate().equals(subset.getName());
            subsets.add(owned ? of(target.candidate(), versionLabel) : subset);
        }
        for (String version : target.versions()) {
            if (subsets.stream().noneMatch(subset -> version.equals(subset.getName()))) {
                subsets.add(of(version, versionLabel));
            }
        }
        return new Result(subsets, notes);
    }

    public static Subset of(String version, String versionLabel) {
        Subset subset = new Subset();
        subset.setName(version);
        subset.setLabels(Map.of(versionLabel, version));
        return subset;
    }
}
