package io.graylane.traffic.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPMatchRequest;
import io.graylane.events.release.Intent;
import java.util.List;
import java.util.Map;

/**
 * What the cluster holds for a Service's routing now, found by host as Istio finds it, who owns what, and
 * whether it is what that owner wants.
 *
 * @param virtualService the VirtualService sidecars use for the Service, or {@code null}
 * @param routes its HTTP routes, in order
 * @param gateways the VirtualServices bound to a gateway that route to the Service, with their routes
 * @param release the release in progress for the Service, or {@code null}
 * @param inSync whether the VirtualServices and DestinationRule are what the release's newest generation asks
 * @param differences what would have to change for them to be
 * @param contested why Graylane stopped correcting the release's objects, if it did
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record RoutingView(
        String namespace,
        String service,
        String virtualService,
        String destinationRule,
        List<Subset> subsets,
        List<Route> routes,
        List<Gateway> gateways,
        Owner release,
        boolean inSync,
        List<String> differences,
        String contested) {

    /** A subset of the DestinationRule. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Subset(String name, Map<String, String> labels) {
    }

    /**
     * An HTTP route, in order.
     *
     * @param owner the release owning the route ({@code graylane-<release>...}), or {@code null} for the user's own
     * @param managedBy the release whose split is written into this route of the user's, or {@code null}
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Route(String name, String owner, String managedBy, List<HTTPMatchRequest> match,
            List<Destination> destinations, Mirror mirror) {
    }

    /** A VirtualService bound to gateways that routes to the Service. */
    public record Gateway(String virtualService, List<String> gateways, List<Route> routes) {
    }

    /** Where a route sends traffic; {@code weight} is absent for a route with one destination. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Destination(String host, String subset, Integer weight) {
    }

    /** A copy of {@code percent} of the route's traffic goes to {@code subset}. */
    public record Mirror(String subset, Double percent) {
    }

    /** The release that owns the routing. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Owner(String name, Intent intent, String governor, long generation, long appliedGeneration) {
    }
}
