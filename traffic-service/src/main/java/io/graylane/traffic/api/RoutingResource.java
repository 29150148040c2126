package io.graylane.traffic.api;

import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRoute;
import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.graylane.events.release.DesiredRelease;
import io.graylane.mesh.HttpRouting;
import io.graylane.rest.ProblemKind;
import io.graylane.traffic.domain.OriginalRoutes;
import io.graylane.traffic.domain.Reconciler;
import io.graylane.traffic.domain.ReleaseController;
import io.graylane.traffic.domain.RoutePlan;
import io.graylane.traffic.domain.RoutingObjects;
import io.graylane.traffic.domain.Target;
import io.graylane.traffic.kube.Cluster;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The routing of a Service as the cluster holds it now. */
@Path("/api/v1/namespaces/{namespace}/services/{service}/routing")
@Produces(MediaType.APPLICATION_JSON)
public class RoutingResource {

    private final Cluster cluster;
    private final ReleaseController controller;
    private final Reconciler reconciler;

    RoutingResource(Cluster cluster, ReleaseController controller, Reconciler reconciler) {
        this.cluster = cluster;
        this.controller = controller;
        this.reconciler = reconciler;
    }

    @GET
    @Operation(summary = "The VirtualServices (found by host), subsets, routes, weights, mirror and matches now in the"
            + " cluster; owner; in sync or not")
    public Response routing(@PathParam("namespace") String namespace, @PathParam("service") String service,
            UriInfo uri) {
        RoutingObjects.Found found = RoutingObjects.find(cluster.virtualServices(namespace),
                cluster.destinationRules(namespace), service, namespace);
        Optional<DesiredRelease> release = controller.releaseOf(namespace, service);
        if (found instanceof RoutingObjects.Ambiguous ambiguous) {
            return TrafficProblems.AMBIGUOUS_ROUTING.answer(ambiguous.message(), uri);
        }
        RoutingObjects objects = ((RoutingObjects.Unique) found).objects();
        if (objects.mesh().isEmpty() && objects.rule().isEmpty() && release.isEmpty()) {
            return ProblemKind.NOT_FOUND.answer("no VirtualService or DestinationRule for host '" + service
                    + "' in namespace '" + namespace + "', and no release of it in progress", uri);
        }
        List<String> differences = release.map(r -> reconciler.differences(new Target(r))).orElse(List.of());
        return Response.ok(new RoutingView(namespace, service,
                objects.mesh().map(vs -> vs.getMetadata().getName()).orElse(null),
                objects.rule().map(dr -> dr.getMetadata().getName()).orElse(null),
                objects.rule().map(RoutingResource::subsets).orElse(List.of()),
                objects.mesh().map(vs -> routes(vs, release)).orElse(List.of()),
                objects.gatewayBound().stream().map(vs -> new RoutingView.Gateway(vs.getMetadata().getName(),
                        vs.getSpec().getGateways(), routes(vs, release))).toList(),
                release.map(r -> new RoutingView.Owner(r.name(), r.intent(), r.governor(), r.generation(),
                        controller.appliedGeneration(namespace, r.name()))).orElse(null),
                differences.isEmpty(), differences,
                release.flatMap(r -> controller.contested(namespace, r.name())).orElse(null))).build();
    }

    private static List<RoutingView.Subset> subsets(DestinationRule rule) {
        return rule.getSpec().getSubsets() == null ? List.of() : rule.getSpec().getSubsets().stream()
                .map(s -> new RoutingView.Subset(s.getName(), s.getLabels())).toList();
    }

    private static List<RoutingView.Route> routes(VirtualService vs, Optional<DesiredRelease> release) {
        List<HTTPRoute> http = vs.getSpec().getHttp() == null ? List.of() : vs.getSpec().getHttp();
        Map<String, HTTPRoute> managed = release.flatMap(r -> OriginalRoutes.of(vs.getMetadata().getAnnotations(),
                r.name())).map(OriginalRoutes::routes).orElse(Map.of());
        List<RoutingView.Route> routes = new ArrayList<>();
        for (int i = 0; i < http.size(); i++) {
            HTTPRoute route = http.get(i);
            String owner = release.filter(r -> RoutePlan.isOwnedBy(route, r.name())).map(DesiredRelease::name)
                    .orElse(null);
            String managedBy = owner == null && managed.containsKey(RoutePlan.keyOf(http, i))
                    ? release.get().name() : null;
            List<RoutingView.Destination> destinations = route.getRoute() == null ? List.of() : route.getRoute()
                    .stream().map(d -> new RoutingView.Destination(d.getDestination().getHost(),
                            d.getDestination().getSubset(), d.getWeight())).toList();
            RoutingView.Mirror mirror = route.getMirror() == null ? null : new RoutingView.Mirror(
                    route.getMirror().getSubset(), HttpRouting.percent(route.getMirrorPercentage(),
                    route.getMirrorPercent()));
            routes.add(new RoutingView.Route(route.getName(), owner, managedBy, route.getMatch(), destinations, mirror));
        }
        return routes;
    }
}
