package io.graylane.bookinfo.traffic;

import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRoute;
import java.util.List;
import java.util.Map;

/**
 * What decides where requests to one service go: the http routes of its mesh VirtualService (null without one),
 * the subsets of its DestinationRule (name to labels), the ready replicas of each version, and for requests
 * from the ingress gateway, the http routes of the VirtualService bound to {@code gateway} that send to the
 * service ({@code gateway} null when there is none).
 */
public record ServiceRouting(String service, List<HTTPRoute> routes, Map<String, Map<String, String>> subsets,
        Map<String, Integer> readyByVersion, String gateway, List<HTTPRoute> gatewayRoutes) {

    /** Routing between sidecars only. */
    public ServiceRouting(String service, List<HTTPRoute> routes, Map<String, Map<String, String>> subsets,
            Map<String, Integer> readyByVersion) {
        this(service, routes, subsets, readyByVersion, null, null);
    }
}
