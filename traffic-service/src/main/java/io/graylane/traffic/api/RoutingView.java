package io.graylane.traffic.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPMatchRequest;
import io.graylane.events.release.Intent;
import java.util.List;
import java.util.Map;

/**
 * What the cluster holds for a service's routing now, who owns it, and whether it is what that owner wants.
 *
 * @param release the release in progress for the service, or {@code null}
 * @param inSync whether the VirtualService and DestinationRule are what the release's newest generation asks
 * @param differences what would have to change for them to be
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record RoutingView(
        String namespace,
        String service,
        List<Subset> subsets,
        List<Route> routes,
        Owner release,
        boolean inSync,
        List<String> differences) {

    /** A subset of the DestinationRule. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Subset(String name, Map<String, String> labels) {
    }

    /**
     * An HTTP route of the VirtualService, in order.
     *
     * @param owner the release owning the route, or {@code null} for the user's own
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Route(String name, String owner, List<HTTPMatchRequest> match, List<Destination> destinations,
            Mirror mirror) {
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
