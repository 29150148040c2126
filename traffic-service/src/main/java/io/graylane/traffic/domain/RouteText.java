package io.graylane.traffic.domain;

import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRoute;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRouteDestination;
import io.fabric8.istio.api.api.networking.v1alpha3.Subset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/** Routes and subsets in a few words, to say what changed. */
public final class RouteText {

    private RouteText() {
    }

    public static String of(HTTPRoute route) {
        if (route == null) {
            return "absent";
        }
        List<String> parts = new ArrayList<>();
        if (route.getMatch() != null && !route.getMatch().isEmpty()) {
            parts.add(route.getMatch().size() + " match block(s)");
        }
        if (route.getRoute() != null) {
            parts.add(route.getRoute().stream().map(RouteText::destination).collect(Collectors.joining(", ")));
        }
        if (route.getMirror() != null) {
            parts.add("mirror " + (route.getMirrorPercentage() == null ? "100" : route.getMirrorPercentage().getValue())
                    + "% to " + route.getMirror().getSubset());
        }
        return String.join("; ", parts);
    }

    private static String destination(HTTPRouteDestination destination) {
        String subset = destination.getDestination() == null ? "?" : destination.getDestination().getSubset();
        return destination.getWeight() == null ? subset : subset + "=" + destination.getWeight();
    }

    /** One line per route that differs between what the cluster held and what it now holds, by route key. */
    public static List<String> routeChanges(List<HTTPRoute> before, List<HTTPRoute> after) {
        List<HTTPRoute> had = before == null ? List.of() : before;
        List<String> changes = new ArrayList<>();
        for (int i = 0; i < after.size(); i++) {
            String key = RoutePlan.keyOf(after, i);
            HTTPRoute previous = find(had, key);
            if (!after.get(i).equals(previous)) {
                changes.add("route " + label(key) + ": " + of(previous) + " -> " + of(after.get(i)));
            }
        }
        for (int i = 0; i < had.size(); i++) {
            String key = RoutePlan.keyOf(had, i);
            if (find(after, key) == null) {
                changes.add("route " + label(key) + " removed");
            }
        }
        return changes;
    }

    /** One line per subset that was added, removed or changed. */
    public static List<String> subsetChanges(List<Subset> before, List<Subset> after) {
        List<String> changes = new ArrayList<>();
        for (Subset wanted : after) {
            Subset had = before.stream().filter(s -> Objects.equals(s.getName(), wanted.getName())).findFirst()
                    .orElse(null);
            if (had == null) {
                changes.add("subset " + wanted.getName() + " added");
            } else if (!had.equals(wanted)) {
                changes.add("subset " + wanted.getName() + ": labels " + labels(had.getLabels()) + " -> "
                        + labels(wanted.getLabels()));
            }
        }
        before.stream().filter(s -> after.stream().noneMatch(a -> Objects.equals(a.getName(), s.getName())))
                .forEach(s -> changes.add("subset " + s.getName() + " removed"));
        return changes;
    }

    private static String labels(Map<String, String> labels) {
        return labels == null ? "{}" : labels.toString();
    }

    private static HTTPRoute find(List<HTTPRoute> routes, String key) {
        for (int i = 0; i < routes.size(); i++) {
            if (RoutePlan.keyOf(routes, i).equals(key)) {
                return routes.get(i);
            }
        }
        return null;
    }

    private static String label(String key) {
        return key.startsWith("#") ? "unnamed " + key : key;
    }
}
