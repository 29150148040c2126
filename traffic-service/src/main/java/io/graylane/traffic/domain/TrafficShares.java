package io.graylane.traffic.domain;

import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRoute;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.graylane.mesh.HttpRouting;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The share of each route's requests (and mirrored copies) that reaches each version of a Service, over the
 * VirtualServices that route it. Comparing the shares before and after a change tells which versions the
 * change gives more traffic, and those must be ready first. Routes are compared by name, or by place among the
 * unnamed ones (Graylane names its own routes and never moves the user's).
 */
public final class TrafficShares {

    private final Map<String, Map<String, Double>> bySlot;

    private TrafficShares(Map<String, Map<String, Double>> bySlot) {
        this.bySlot = bySlot;
    }

    /**
     * @param subsetVersions subset name to the version its labels select; a subset not in it is its own version
     */
    public static TrafficShares of(List<VirtualService> virtualServices, String service, String namespace,
            Map<String, String> subsetVersions) {
        Map<String, Map<String, Double>> bySlot = new HashMap<>();
        for (VirtualService vs : virtualServices) {
            List<HTTPRoute> http = RoutingObjects.http(vs);
            for (int i = 0; i < http.size(); i++) {
                HTTPRoute route = http.get(i);
                String slot = vs.getMetadata().getName() + "/" + RoutePlan.keyOf(http, i);
                HttpRouting.Split split = HttpRouting.split(route);
                Map<String, Double> shares = new HashMap<>();
                (route.getRoute() == null ? List.<io.fabric8.istio.api.api.networking.v1alpha3.HTTPRouteDestination>of()
                        : route.getRoute()).stream().filter(d -> d.getDestination() != null
                        && Hosts.names(d.getDestination().getHost(), service, namespace)).forEach(d -> shares.merge(
                                version(d.getDestination().getSubset(), subsetVersions),
                                split.destinations().getOrDefault(d.getDestination().getSubset() == null ? ""
                                        : d.getDestination().getSubset(), 0.0), (a, b) -> a));
                if (route.getMirror() != null && Hosts.names(route.getMirror().getHost(), service, namespace)) {
                    bySlot.put(slot + "/mirror", Map.of(version(route.getMirror().getSubset(), subsetVersions),
                            split.mirrorShare()));
                }
                bySlot.put(slot, shares);
            }
        }
        return new TrafficShares(bySlot);
    }

    /** The versions that get a larger share of some route's requests in {@code after} than here. */
    public Set<String> gainedIn(TrafficShares after) {
        Set<String> gained = new TreeSet<>();
        after.bySlot.forEach((slot, shares) -> shares.forEach((version, share) -> {
            if (share > bySlot.getOrDefault(slot, Map.of()).getOrDefault(version, 0.0) + 1e-9) {
                gained.add(version);
            }
        }));
        return gained;
    }

    /** The versions that get any share of any route's requests. */
    public Set<String> carrying() {
        Set<String> carrying = new TreeSet<>();
        bySlot.values().forEach(shares -> shares.forEach((version, share) -> {
            if (share > 0) {
                carrying.add(version);
            }
        }));
        return carrying;
    }

    private static String version(String subset, Map<String, String> subsetVersions) {
        String name = subset == null ? "" : subset;
        return subsetVersions.getOrDefault(name, name);
    }
}
