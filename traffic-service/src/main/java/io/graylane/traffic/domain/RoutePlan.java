package io.graylane.traffic.domain;

import io.fabric8.istio.api.api.networking.v1alpha3.Destination;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPMatchRequest;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRoute;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRouteDestination;
import io.fabric8.istio.api.api.networking.v1alpha3.Percent;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatchPrefix;
import io.graylane.events.release.Intent;
import io.graylane.events.release.Strategy;
import io.graylane.events.release.TrafficPolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The HTTP routes of one VirtualService for one release. The rule: <em>a release never makes a route unreachable
 * that the user could reach before, and leaves nothing of its own behind.</em>
 * <ul>
 * <li>Graylane's own routes are {@code graylane-<release>-match} (the content matches, first) and
 * {@code graylane-<release>} (a catch-all, last, only when the user has none).</li>
 * <li>The split (weights, the blue-green active version, the mirror, a takeover) is written into the
 * destinations of the routes the release manages: in the mesh VirtualService the user's first catch-all; in a
 * VirtualService bound to a gateway every route that sends only to the Service (with the content matches,
 * merged with the route's own, just before it). Their destinations before the release are kept in
 * {@link OriginalRoutes}.</li>
 * <li>Every other route keeps its place and destinations while the release is open.</li>
 * <li>Rollback and offline put the managed routes back as they were and, when the removed version's workload
 * goes, send every route that sent traffic to it to the version kept.</li>
 * </ul>
 */
public final class RoutePlan {

    private static final String PREFIX = "graylane-";

    private RoutePlan() {
    }

    /** How Istio uses the VirtualService: by sidecars for the Service's host, or by a gateway. */
    public enum Binding {
        MESH,
        GATEWAY
    }

    /**
     * The routes planned.
     *
     * @param originals what to keep in the VirtualService's annotation; empty when nothing is (annotation removed)
     * @param repointed names of the routes moved from the removed version to the kept one
     * @param notes what a person should know; {@code refusal} says why the routes cannot be planned at all
     */
    public record Result(List<HTTPRoute> http, Optional<OriginalRoutes> originals, List<String> repointed,
            List<String> notes, Optional<String> refusal) {
    }

    public static String routeName(String release) {
        return PREFIX + release;
    }

    public static String matchRouteName(String release) {
        return PREFIX + release + "-match";
    }

    /** Whether the route is one of the release's own. */
    public static boolean isOwnedBy(HTTPRoute route, String release) {
        String name = route.getName();
        return name != null && (name.equals(routeName(release)) || name.equals(matchRouteName(release))
                || name.startsWith(matchRouteName(release) + "-"));
    }

    /** Whether every destination of the route is the Service (and there is one). */
    public static boolean sendsOnlyTo(HTTPRoute route, String service, String namespace) {
        return route.getRoute() != null && !route.getRoute().isEmpty() && route.getRoute().stream()
                .allMatch(d -> d.getDestination() != null && Hosts.names(d.getDestination().getHost(), service,
                        namespace));
    }

    /** Whether the route takes every request: no match, or an entry with no condition but {@code uri: prefix /}. */
    public static boolean isCatchAll(HTTPRoute route) {
        return route.getMatch() == null || route.getMatch().isEmpty()
                || route.getMatch().stream().anyMatch(RoutePlan::matchesEverything);
    }

    /** The key of the {@code index}-th route in {@link OriginalRoutes}: its name, else its place among unnamed ones. */
    public static String keyOf(List<HTTPRoute> routes, int index) {
        if (routes.get(index).getName() != null) {
            return routes.get(index).getName();
        }
        int unnamed = 0;
        for (int i = 0; i < index; i++) {
            if (routes.get(i).getName() == null) {
                unnamed++;
            }
        }
        return "#" + unnamed;
    }

    public static Result plan(Target target, Binding binding, List<HTTPRoute> current,
            Map<String, String> annotations, boolean repointRemoved) {
        String release = target.release().name();
        List<HTTPRoute> users = (current == null ? List.<HTTPRoute>of() : current).stream()
                .filter(route -> !isOwnedBy(route, release)).toList();
        List<Integer> managed = managed(binding, users, target);
        Optional<String> refusal = binding == Binding.MESH ? catchAllRefusal(users, target) : Optional.empty();
        if (refusal.isPresent()) {
            return new Result(current, Optional.empty(), List.of(), List.of(), refusal);
        }
        OriginalRoutes originals = OriginalRoutes.of(annotations, release).orElse(OriginalRoutes.empty(release));
        return target.closing() ? close(target, binding, users, managed, originals, repointRemoved)
                : split(target, binding, users, managed, originals);
    }

    private static Result split(Target target, Binding binding, List<HTTPRoute> users, List<Integer> managed,
            OriginalRoutes originals) {
        List<HTTPRoute> http = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        OriginalRoutes recorded = originals;
        List<HTTPMatchRequest> matches = matches(target);
        for (int i = 0; i < users.size(); i++) {
            HTTPRoute route = users.get(i);
            if (!managed.contains(i)) {
                http.add(route);
                continue;
            }
            String key = keyOf(users, i);
            recorded = recorded.recording(key, route);
            HTTPRoute before = recorded.before(key).orElseThrow();
            Destination like = before.getRoute().get(0).getDestination();
            if (binding == Binding.GATEWAY && !matches.isEmpty()) {
                List<HTTPMatchRequest> merged = GatewayMatches.merge(route.getMatch(), matches);
                if (merged.isEmpty()) {
                    notes.add("route " + describe(route, key) + ": its matches and the release's cannot both hold;"
                            + " requests through the gateway follow the weights only");
                } else {
                    HTTPRoute match = named(matchRouteName(target.release().name())
                            + (managed.indexOf(i) == 0 ? "" : "-" + (managed.indexOf(i) + 1)),
                            List.of(destination(like, target.candidate(), null)));
                    match.setMatch(merged);
                    http.add(match);
                }
            }
            http.add(splitInto(route, before, target, like));
        }
        if (binding == Binding.MESH) {
            if (managed.isEmpty()) {
                Destination service = new Destination(target.service(), null, null);
                http.add(splitInto(named(routeName(target.release().name()), List.of()), new HTTPRoute(), target,
                        service));
            }
            if (!matches.isEmpty()) {
                HTTPRoute match = named(matchRouteName(target.release().name()),
                        List.of(destination(new Destination(target.service(), null, null), target.candidate(), null)));
                match.setMatch(matches);
                http.add(0, match);
            }
        }
        return new Result(http, managed.isEmpty() ? Optional.empty() : Optional.of(recorded), List.of(), notes,
                Optional.empty());
    }

    private static Result close(Target target, Binding binding, List<HTTPRoute> users, List<Integer> managed,
            OriginalRoutes originals, boolean repointRemoved) {
        List<HTTPRoute> http = new ArrayList<>();
        List<String> repointed = new ArrayList<>();
        for (int i = 0; i < users.size(); i++) {
            HTTPRoute route = users.get(i);
            if (managed.contains(i)) {
                route = restore(route, originals.before(keyOf(users, i)));
            }
            HTTPRoute moved = repointRemoved ? repoint(route, target) : route;
            if (!moved.equals(route)) {
                repointed.add(describe(route, keyOf(users, i)));
            }
            http.add(moved);
        }
        if (binding == Binding.MESH && managed.isEmpty()) {
            http.add(named(routeName(target.release().name()),
                    List.of(destination(new Destination(target.service(), null, null), target.keeper(), null))));
        }
        return new Result(http, Optional.empty(), repointed, List.of(), Optional.empty());
    }

    /** The routes of {@code users} the release writes its split into. */
    private static List<Integer> managed(Binding binding, List<HTTPRoute> users, Target target) {
        List<Integer> managed = new ArrayList<>();
        for (int i = 0; i < users.size(); i++) {
            HTTPRoute route = users.get(i);
            if (binding == Binding.GATEWAY && sendsOnlyTo(route, target.service(), target.namespace())) {
                managed.add(i);
            }
            if (binding == Binding.MESH && isCatchAll(route)) {
                if (sendsOnlyTo(route, target.service(), target.namespace())) {
                    managed.add(i);
                }
                break;
            }
        }
        return managed;
    }

    /** A user's catch-all that does not send to the Service (a redirect, another host) cannot carry the split. */
    private static Optional<String> catchAllRefusal(List<HTTPRoute> users, Target target) {
        for (int i = 0; i < users.size(); i++) {
            HTTPRoute route = users.get(i);
            if (isCatchAll(route)) {
                return sendsOnlyTo(route, target.service(), target.namespace()) ? Optional.empty()
                        : Optional.of("route " + describe(route, keyOf(users, i)) + " takes every request but does not"
                                + " send it to " + target.service() + " alone; Graylane will not change it, and a"
                                + " route after it would never be reached");
            }
        }
        return Optional.empty();
    }

    /** The route with the release's split as destinations: the host and port the user wrote, the versions' subsets. */
    private static HTTPRoute splitInto(HTTPRoute route, HTTPRoute before, Target target, Destination like) {
        HTTPRoute split = route.toBuilder().build();
        split.setRoute(destinations(target, like));
        boolean mirroring = target.strategy() == Strategy.MIRROR && target.release().intent() == Intent.SPLIT;
        split.setMirror(mirroring ? new Destination(like.getHost(), like.getPort(), target.candidate())
                : before.getMirror());
        split.setMirrorPercentage(mirroring ? new Percent(target.release().traffic().mirrorPercent().doubleValue())
                : before.getMirrorPercentage());
        split.setMirrorPercent(mirroring ? null : before.getMirrorPercent());
        return split;
    }

    private static List<HTTPRouteDestination> destinations(Target target, Destination like) {
        if (target.release().intent() == Intent.TAKEOVER) {
            return List.of(destination(like, target.release().governor(), null));
        }
        TrafficPolicy traffic = target.release().traffic();
        return switch (target.strategy()) {
            case BLUE_GREEN -> List.of(destination(like, traffic.active(), null));
            case MIRROR -> List.of(destination(like, target.baseline(), null));
            case CANARY -> traffic.weights() == null ? List.of(destination(like, target.baseline(), null))
                    : List.of(destination(like, target.baseline(), traffic.weights().get(target.baseline())),
                            destination(like, target.candidate(), traffic.weights().get(target.candidate())));
        };
    }

    private static List<HTTPMatchRequest> matches(Target target) {
        if (target.closing() || target.release().intent() != Intent.SPLIT || target.strategy() != Strategy.CANARY
                || target.release().traffic().matches() == null) {
            return List.of();
        }
        return target.release().traffic().matches().stream().map(IstioMatches::of).toList();
    }

    private static HTTPRoute restore(HTTPRoute route, Optional<HTTPRoute> before) {
        if (before.isEmpty()) {
            return route;
        }
        HTTPRoute restored = route.toBuilder().build();
        restored.setRoute(before.get().getRoute());
        restored.setMirror(before.get().getMirror());
        restored.setMirrorPercentage(before.get().getMirrorPercentage());
        restored.setMirrorPercent(before.get().getMirrorPercent());
        return restored;
    }

    /**
     * The route with every destination of the removed version sent to the kept one (merged if both were
     * there) and a mirror to the removed version dropped; everything else as it was.
     */
    static HTTPRoute repoint(HTTPRoute route, Target target) {
        HTTPRoute copy = route.toBuilder().build();
        if (copy.getRoute() != null) {
            Map<String, HTTPRouteDestination> merged = new LinkedHashMap<>();
            for (HTTPRouteDestination destination : copy.getRoute()) {
                HTTPRouteDestination moved = isVersion(destination.getDestination(), target, target.removed())
                        ? withSubset(destination, target.keeper()) : destination;
                merged.merge(key(moved.getDestination()), moved, RoutePlan::sum);
            }
            List<HTTPRouteDestination> destinations = new ArrayList<>(merged.values());
            if (destinations.size() == 1 && destinations.size() < copy.getRoute().size()) {
                destinations.get(0).setWeight(null);
            }
            copy.setRoute(destinations);
        }
        if (isVersion(copy.getMirror(), target, target.removed())) {
            copy.setMirror(null);
            copy.setMirrorPercentage(null);
            copy.setMirrorPercent(null);
        }
        return copy;
    }

    private static boolean isVersion(Destination destination, Target target, String version) {
        return destination != null && version.equals(destination.getSubset())
                && Hosts.names(destination.getHost(), target.service(), target.namespace());
    }

    private static boolean matchesEverything(HTTPMatchRequest entry) {
        HTTPMatchRequest bare = entry.toBuilder().build();
        bare.setName(null);
        bare.setIgnoreUriCase(null);
        boolean rootPrefix = entry.getUri() != null && entry.getUri().getMatchType() instanceof StringMatchPrefix prefix
                && "/".equals(prefix.getPrefix());
        if (rootPrefix) {
            bare.setUri(null);
        }
        return bare.equals(new HTTPMatchRequest());
    }

    private static HTTPRouteDestination withSubset(HTTPRouteDestination destination, String subset) {
        HTTPRouteDestination copy = destination.toBuilder().build();
        copy.setDestination(new Destination(destination.getDestination().getHost(),
                destination.getDestination().getPort(), subset));
        return copy;
    }

    private static HTTPRouteDestination sum(HTTPRouteDestination a, HTTPRouteDestination b) {
        HTTPRouteDestination copy = a.toBuilder().build();
        if (a.getWeight() != null || b.getWeight() != null) {
            copy.setWeight((a.getWeight() == null ? 0 : a.getWeight()) + (b.getWeight() == null ? 0 : b.getWeight()));
        }
        return copy;
    }

    private static String key(Destination destination) {
        return destination.getHost() + "|" + destination.getSubset() + "|" + destination.getPort();
    }

    private static String describe(HTTPRoute route, String key) {
        return route.getName() != null ? route.getName() : key.replace("#", "unnamed #");
    }

    private static HTTPRoute named(String name, List<HTTPRouteDestination> destinations) {
        HTTPRoute route = new HTTPRoute();
        route.setName(name);
        route.setRoute(destinations);
        return route;
    }

    private static HTTPRouteDestination destination(Destination like, String version, Integer weight) {
        HTTPRouteDestination destination = new HTTPRouteDestination();
        destination.setDestination(new Destination(like.getHost(), like.getPort(), version));
        destination.setWeight(weight);
        return destination;
    }
}
