package io.graylane.traffic.domain;

import io.fabric8.istio.api.api.networking.v1alpha3.HTTPMatchRequest;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A release's content matches on a route bound to a gateway: a request must satisfy the route's own match (it
 * reached this route) and the release's. Match entries are ORed and their conditions ANDed, so the result is
 * every pair of a route entry and a release entry, merged; a pair whose entries both set the same condition
 * (two uris, the same header) is left out, as Istio cannot say "both".
 */
final class GatewayMatches {

    private GatewayMatches() {
    }

    /** The merged entries; empty when every pair conflicts. */
    static List<HTTPMatchRequest> merge(List<HTTPMatchRequest> route, List<HTTPMatchRequest> release) {
        List<HTTPMatchRequest> routeEntries = route == null || route.isEmpty() ? List.of(new HTTPMatchRequest()) : route;
        List<HTTPMatchRequest> merged = new ArrayList<>();
        for (HTTPMatchRequest a : routeEntries) {
            for (HTTPMatchRequest b : release) {
                both(a, b).ifPresent(merged::add);
            }
        }
        return merged;
    }

    private static Optional<HTTPMatchRequest> both(HTTPMatchRequest a, HTTPMatchRequest b) {
        HTTPMatchRequest merged = a.toBuilder().build();
        if (conflict(a.getUri(), b.getUri()) || conflict(a.getMethod(), b.getMethod())
                || conflict(a.getAuthority(), b.getAuthority()) || conflict(a.getScheme(), b.getScheme())) {
            return Optional.empty();
        }
        merged.setUri(a.getUri() != null ? a.getUri() : b.getUri());
        merged.setMethod(a.getMethod() != null ? a.getMethod() : b.getMethod());
        Optional<Map<String, StringMatch>> headers = union(a.getHeaders(), b.getHeaders());
        Optional<Map<String, StringMatch>> params = union(a.getQueryParams(), b.getQueryParams());
        if (headers.isEmpty() || params.isEmpty()) {
            return Optional.empty();
        }
        merged.setHeaders(headers.get().isEmpty() ? null : headers.get());
        merged.setQueryParams(params.get().isEmpty() ? null : params.get());
        merged.setName(null);
        return Optional.of(merged);
    }

    private static boolean conflict(Object a, Object b) {
        return a != null && b != null && !a.equals(b);
    }

    private static Optional<Map<String, StringMatch>> union(Map<String, StringMatch> a, Map<String, StringMatch> b) {
        Map<String, StringMatch> union = new TreeMap<>(a == null ? Map.of() : a);
        for (Map.Entry<String, StringMatch> entry : (b == null ? Map.<String, StringMatch>of() : b).entrySet()) {
            StringMatch existing = union.putIfAbsent(entry.getKey(), entry.getValue());
            if (existing != null && !existing.equals(entry.getValue())) {
                return Optional.empty();
            }
        }
        return Optional.of(union);
    }
}
