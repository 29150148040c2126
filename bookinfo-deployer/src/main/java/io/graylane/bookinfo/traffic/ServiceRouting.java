package io.graylane.bookinfo.traffic;

import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRoute;
import java.util.List;
import java.util.Map;

/**
 * What decides where requests to one service go: the http routes of its VirtualService (null without one),
 * the subsets of its DestinationRule (name to labels), and the ready replicas of each version.
 */
public record ServiceRouting(String service, List<HTTPRoute> routes, Map<String, Map<String, String>> subsets,
        Map<String, Integer> readyByVersion) {
}
