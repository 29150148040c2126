package io.graylane.traffic.api;

import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRoute;
import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.graylane.events.release.DesiredRelease;
import io.graylane.rest.ProblemKind;
import io.graylane.traffic.domain.ReleaseController;
import io.graylane.traffic.domain.RouteText;
import io.graylane.traffic.domain.SubsetPlan;
import io.graylane.traffic.domain.Target;
import io.graylane.traffic.domain.VirtualServicePlan;
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
import java.util.Objects;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The routing of a service as the cluster holds it now. */
@Path("/api/v1/namespaces/{namespace}/services/{service}/routing")
@Produces(MediaType.APPLICATION_JSON)
public class RoutingResource {

    private final Cluster cluster;
    private final ReleaseController controller;

    RoutingResource(Cluster cluster, ReleaseController controller) {
        this.cluster = cluster;
        this.controller = controller;
    }

    @GET
    @Operation(summary = "Subsets, routes, weights, mirror and matches now in the cluster; owner; in sync or not")
    public Response routing(@PathParam("namespace") String namespace, @PathParam("service") String service,
            UriInfo uri) {
        Optional<VirtualService> virtualService = cluster.virtualService(namespace, service);
        Optional<DestinationRule> destinationRule = cluster.destinationRule(namespace, service);
        Optional<DesiredRelease> release = controller.releaseOf(namespace, service);
        if (virtualService.isEmpty() && destinationRule.isEmpty() && release.isEmpty()) {
            return ProblemKind.NOT_FOUND.answer("no VirtualService or DestinationRule named '" + service
                    + "' in namespace '" + namespace + "', and no release of it in progress", uri);
        }
        List<HTTPRoute> http = virtualService.map(vs -> vs.getSpec().getHttp()).orElse(List.of());
        List<io.fabric8.istio.api.api.networking.v1alpha3.Subset> subsets = destinationRule
                .map(dr -> dr.getSpec().getSubsets()).orElse(List.of());
        List<String> differences = release.map(r -> differences(new Target(r), http, subsets)).orElse(List.of());
        return Response.ok(new RoutingView(namespace, service,
                subsets.stream().map(s -> new RoutingView.Subset(s.getName(), s.getLabels())).toList(),
                http.stream().map(route -> route(route, release)).toList(),
                release.map(r -> new RoutingView.Owner(r.name(), r.intent(), r.governor(), r.generation(),
                        controller.appliedGeneration(namespace, r.name()))).orElse(null),
                differences.isEmpty(), differences)).build();
    }

    private static List<String> differences(Target target, List<HTTPRoute> http,
            List<io.fabric8.istio.api.api.networking.v1alpha3.Subset> subsets) {
        List<String> differences = new ArrayList<>();
        VirtualServicePlan.Result plan = VirtualServicePlan.plan(target, http);
        if (!Objects.equals(plan.http(), http)) {
            differences.addAll(RouteText.routeChanges(http, plan.http(), target.release().name()));
            plan.repointed().forEach(route -> differences.add("route " + route + " still sends traffic to "
                    + target.removed()));
            if (differences.isEmpty()) {
                differences.add("the order of the routes differs");
            }
        }
        differences.addAll(RouteText.subsetChanges(subsets, SubsetPlan.plan(target, subsets)));
        return differences;
    }

    private static RoutingView.Route route(HTTPRoute route, Optional<DesiredRelease> release) {
        String owner = release.filter(r -> VirtualServicePlan.isOwnedBy(route, r.name()))
                .map(DesiredRelease::name).orElse(null);
        List<RoutingView.Destination> destinations = route.getRoute() == null ? List.of() : route.getRoute().stream()
                .map(d -> new RoutingView.Destination(d.getDestination().getHost(), d.getDestination().getSubset(),
                        d.getWeight())).toList();
        RoutingView.Mirror mirror = route.getMirror() == null ? null : new RoutingView.Mirror(
                route.getMirror().getSubset(),
                route.getMirrorPercentage() == null ? Double.valueOf(100) : route.getMirrorPercentage().getValue());
        return new RoutingView.Route(route.getName(), owner, route.getMatch(), destinations, mirror);
    }
}
