package io.graylane.traffic.domain;

import io.fabric8.istio.api.api.networking.v1alpha3.Destination;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRoute;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRouteDestination;
import io.fabric8.istio.api.api.networking.v1alpha3.Percent;
import io.graylane.events.release.Intent;
import io.graylane.events.release.TrafficPolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The HTTP routes of a service's VirtualService for one release. Graylane owns only the routes it names
 * ({@code graylane-<release>}, {@code graylane-<release>-match}); every other route stays as written.
 * While a release splits traffic its routes come first. Rollback and offline replace them by one default
 * route to the version kept, placed last, and re-point every route that sent traffic to the removed version.
 */
public final class VirtualServicePlan {

    private static final String PREFIX = "graylane-";

    private VirtualServicePlan() {
    }

    /** The routes planned, and the names of the routes that were re-pointed. */
    public record Result(List<HTTPRoute> http, List<String> repointed) {
    }

    public static String routeName(String release) {
        return PREFIX + release;
    }

    public static String matchRouteName(String release) {
        return PREFIX + release + "-match";
    }

    public static boolean isOwnedBy(HTTPRoute route, String release) {
        return routeName(release).equals(route.getName()) || matchRouteName(release).equals(route.getName());
    }

    public static Result plan(Target target, List<HTTPRoute> current) {
        String release = target.release().name();
        List<HTTPRoute> others = new ArrayList<>();
        for (HTTPRoute route : current == null ? List.<HTTPRoute>of() : current) {
            if (!isOwnedBy(route, release)) {
                others.add(route);
            }
        }
        if (!target.closing()) {
            List<HTTPRoute> http = new ArrayList<>(owned(target));
            http.addAll(others);
            return new Result(http, List.of());
        }
        List<String> repointed = new ArrayList<>();
        List<HTTPRoute> http = new ArrayList<>();
        for (int i = 0; i < others.size(); i++) {
            HTTPRoute route = others.get(i);
            HTTPRoute moved = repoint(route, target.service(), target.removed(), target.keeper());
            if (!moved.equals(route)) {
                repointed.add(route.getName() != null ? route.getName() : "http[" + i + "]");
            }
            http.add(moved);
        }
        http.add(named(routeName(release), single(target.service(), target.keeper())));
        return new Result(http, repointed);
    }

    /** The routes of a release that splits, mirrors or has a version take over. */
    static List<HTTPRoute> owned(Target target) {
        String service = target.service();
        String release = target.release().name();
        if (target.release().intent() == Intent.TAKEOVER) {
            return List.of(named(routeName(release), single(service, target.release().governor())));
        }
        TrafficPolicy traffic = target.release().traffic();
        return switch (target.strategy()) {
            case BLUE_GREEN -> List.of(named(routeName(release), single(service, traffic.active())));
            case MIRROR -> List.of(mirrored(routeName(release), service, target.baseline(), target.candidate(),
                    traffic.mirrorPercent().doubleValue()));
            case CANARY -> canary(target, traffic);
        };
    }

    private static List<HTTPRoute> canary(Target target, TrafficPolicy traffic) {
        String release = target.release().name();
        List<HTTPRoute> routes = new ArrayList<>();
        if (traffic.matches() != null) {
            HTTPRoute match = named(matchRouteName(release), single(target.service(), target.candidate()));
            match.setMatch(traffic.matches().stream().map(IstioMatches::of).toList());
            routes.add(match);
        }
        routes.add(traffic.weights() == null
                ? named(routeName(release), single(target.service(), target.baseline()))
                : named(routeName(release), List.of(
                        destination(target.service(), target.baseline(), traffic.weights().get(target.baseline())),
                        destination(target.service(), target.candidate(), traffic.weights().get(target.candidate())))));
        return routes;
    }

    private static HTTPRoute mirrored(String name, String service, String live, String copy, double percent) {
        HTTPRoute route = named(name, single(service, live));
        route.setMirror(new Destination(service, null, copy));
        route.setMirrorPercentage(new Percent(percent));
        return route;
    }

    /**
     * The route with every destination of the removed version sent to the kept one (merged if both were
     * there) and a mirror to the removed version dropped; everything else as it was.
     */
    static HTTPRoute repoint(HTTPRoute route, String service, String removed, String kept) {
        HTTPRoute copy = route.toBuilder().build();
        if (copy.getRoute() != null) {
            Map<String, HTTPRouteDestination> merged = new LinkedHashMap<>();
            for (HTTPRouteDestination destination : copy.getRoute()) {
                HTTPRouteDestination target = isVersion(destination.getDestination(), service, removed)
                        ? withSubset(destination, kept) : destination;
                merged.merge(key(target.getDestination()), target, VirtualServicePlan::sum);
            }
            List<HTTPRouteDestination> destinations = new ArrayList<>(merged.values());
            if (destinations.size() == 1 && destinations.size() < copy.getRoute().size()) {
                destinations.get(0).setWeight(null);
            }
            copy.setRoute(destinations);
        }
        if (isVersion(copy.getMirror(), service, removed)) {
            copy.setMirror(null);
            copy.setMirrorPercentage(null);
            copy.setMirrorPercent(null);
        }
        return copy;
    }

    private static boolean isVersion(Destination destination, String service, String version) {
        return destination != null && version.equals(destination.getSubset()) && isHost(destination.getHost(), service);
    }

    /** {@code reviews}, {@code reviews.demo} and {@code reviews.demo.svc.cluster.local} all name the service. */
    private static boolean isHost(String host, String service) {
        return host != null && (host.equals(service) || host.startsWith(service + "."));
    }

    private static HTTPRouteDestination withSubset(HTTPRouteDestination destination, String subset) {
        HTTPRouteDestination copy = destination.toBuilder().build();
        copy.getDestination().setSubset(subset);
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

    private static HTTPRoute named(String name, List<HTTPRouteDestination> destinations) {
        HTTPRoute route = new HTTPRoute();
        route.setName(name);
        route.setRoute(destinations);
        return route;
    }

    private static List<HTTPRouteDestination> single(String service, String version) {
        return List.of(destination(service, version, null));
    }

    private static HTTPRouteDestination destination(String service, String version, Integer weight) {
        HTTPRouteDestination destination = new HTTPRouteDestination();
        destination.setDestination(new Destination(service, null, version));
        destination.setWeight(weight);
        return destination;
    }

    /** The owned routes only, for comparing what the cluster holds with what it should. */
    public static List<HTTPRoute> ownedIn(List<HTTPRoute> http, String release) {
        return http == null ? List.of() : http.stream().filter(route -> isOwnedBy(route, release)).toList();
    }
}
