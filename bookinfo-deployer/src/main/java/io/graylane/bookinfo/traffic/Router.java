package io.graylane.bookinfo.traffic;

import io.fabric8.istio.api.api.networking.v1alpha3.HTTPFaultInjection;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPFaultInjectionAbortHttpStatus;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPFaultInjectionDelayFixedDelay;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRoute;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRouteDestination;
import io.fabric8.istio.api.api.networking.v1alpha3.Percent;
import io.graylane.mesh.HttpRouting;
import io.graylane.mesh.MeshRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Envoy's choice for one request, as Istio configures it: the route {@link HttpRouting} says the request takes
 * (from the ingress gateway, the routes of the VirtualService bound to the gateway; between sidecars, the
 * service's mesh VirtualService), its fault injection, a destination drawn by weight, the version its
 * subset's labels name, and the mirror. Without a VirtualService, the Kubernetes Service spreads requests
 * over the ready replicas of every version.
 */
public final class Router {

    private final Random random;

    public Router(Random random) {
        this.random = random;
    }

    public Decision decide(ServiceRouting routing, MeshRequest request, String sourceApp) {
        boolean throughGateway = sourceApp.equals(MeshWorkload.INGRESS_GATEWAY.app()) && routing.gateway() != null;
        List<HTTPRoute> routes = throughGateway ? routing.gatewayRoutes() : routing.routes();
        if (routes == null) {
            String version = byReplicas(routing.readyByVersion());
            return version == null ? Decision.refused("", 503, "UH") : new Decision(version, "", 0, "-", 0, null, null);
        }
        MeshRequest seen = throughGateway ? request.through(routing.gateway()) : request.from(Map.of("app", sourceApp));
        return HttpRouting.routeOf(routes, seen).map(i -> follow(routes.get(i), routing))
                .orElseGet(() -> Decision.refused("", 404, "NR"));
    }

    private Decision follow(HTTPRoute route, ServiceRouting routing) {
        HTTPFaultInjection fault = route.getFault();
        long delay = 0;
        String flags = "-";
        if (fault != null && fault.getDelay() != null
                && fault.getDelay().getHttpDelayType() instanceof HTTPFaultInjectionDelayFixedDelay fixed
                && chance(fault.getDelay().getPercentage(), fault.getDelay().getPercent())) {
            delay = micros(fixed.getFixedDelay());
            flags = "DI";
        }
        HTTPRouteDestination destination = pick(route.getRoute());
        String subset = destination == null || destination.getDestination().getSubset() == null ? ""
                : destination.getDestination().getSubset();
        if (fault != null && fault.getAbort() != null
                && fault.getAbort().getErrorType() instanceof HTTPFaultInjectionAbortHttpStatus abort
                && chance(fault.getAbort().getPercentage(), null)) {
            return new Decision(null, subset, abort.getHttpStatus(), "FI", delay, null, null);
        }
        if (destination == null) {
            return Decision.refused("", 503, "NR");
        }
        String version = subset.isEmpty() ? byReplicas(routing.readyByVersion()) : versionOf(routing, subset);
        if (!subset.isEmpty() && !routing.subsets().containsKey(subset)) {
            return Decision.refused(subset, 503, "NC");
        }
        if (version == null || routing.readyByVersion().getOrDefault(version, 0) == 0) {
            return Decision.refused(subset, 503, "UH");
        }
        if (route.getMirror() != null && random.nextDouble() * 100 < HttpRouting.percent(route.getMirrorPercentage(),
                route.getMirrorPercent())) {
            String mirrorSubset = route.getMirror().getSubset() == null ? "" : route.getMirror().getSubset();
            String mirror = mirrorSubset.isEmpty() ? byReplicas(routing.readyByVersion())
                    : versionOf(routing, mirrorSubset);
            if (mirror != null && routing.readyByVersion().getOrDefault(mirror, 0) > 0) {
                return new Decision(version, subset, 0, flags, delay, mirrorSubset, mirror);
            }
        }
        return new Decision(version, subset, 0, flags, delay, null, null);
    }

    private HTTPRouteDestination pick(List<HTTPRouteDestination> destinations) {
        if (destinations == null || destinations.isEmpty()) {
            return null;
        }
        if (destinations.size() == 1) {
            return destinations.get(0);
        }
        int total = destinations.stream().mapToInt(d -> d.getWeight() == null ? 0 : d.getWeight()).sum();
        if (total == 0) {
            return destinations.get(random.nextInt(destinations.size()));
        }
        int draw = random.nextInt(total);
        for (HTTPRouteDestination destination : destinations) {
            draw -= destination.getWeight() == null ? 0 : destination.getWeight();
            if (draw < 0) {
                return destination;
            }
        }
        return destinations.get(destinations.size() - 1);
    }

    private String byReplicas(Map<String, Integer> ready) {
        int total = ready.values().stream().mapToInt(Integer::intValue).sum();
        if (total == 0) {
            return null;
        }
        int draw = random.nextInt(total);
        for (Map.Entry<String, Integer> version : ready.entrySet()) {
            draw -= version.getValue();
            if (draw < 0) {
                return version.getKey();
            }
        }
        return null;
    }

    private static String versionOf(ServiceRouting routing, String subset) {
        Map<String, String> labels = routing.subsets().get(subset);
        return labels == null ? null : labels.get("version");
    }

    private boolean chance(Percent percentage, Integer legacyPercent) {
        return random.nextDouble() * 100 < HttpRouting.percent(percentage, legacyPercent);
    }

    /** Istio's durations: {@code 5s}, {@code 1.5s}, {@code 100ms}, {@code 1m}; 0 when unreadable. */
    static long micros(String duration) {
        if (duration == null) {
            return 0;
        }
        try {
            if (duration.endsWith("ms")) {
                return Math.round(Double.parseDouble(duration.substring(0, duration.length() - 2)) * 1_000);
            }
            return Duration.parse("PT" + duration.toUpperCase()).toNanos() / 1_000;
        } catch (RuntimeException e) {
            return 0;
        }
    }
}
