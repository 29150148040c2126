package io.graylane.traffic.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRoute;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the user's routes that a release manages looked like before the release changed them: their
 * destinations and mirror, by route. Kept on the VirtualService in the annotation {@value #ANNOTATION}, so a
 * rollback puts them back even after traffic-service restarted, and removed when the release ends.
 *
 * @param routes by route key: the route's name, or {@code #<n>} for the n-th route without a name
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OriginalRoutes(String release, Map<String, HTTPRoute> routes) {

    public static final String ANNOTATION = "graylane.io/routes-before-release";
    private static final ObjectMapper JSON = new ObjectMapper();

    public static OriginalRoutes empty(String release) {
        return new OriginalRoutes(release, new LinkedHashMap<>());
    }

    /** The record of {@code release} in the annotations, if there is one (a stale one of another release is not). */
    public static Optional<OriginalRoutes> of(Map<String, String> annotations, String release) {
        String value = annotations == null ? null : annotations.get(ANNOTATION);
        if (value == null) {
            return Optional.empty();
        }
        try {
            OriginalRoutes read = JSON.readValue(value, OriginalRoutes.class);
            return release.equals(read.release()) ? Optional.of(read) : Optional.empty();
        } catch (JsonProcessingException unreadable) {
            return Optional.empty();
        }
    }

    /** Records a route's destinations and mirror under {@code key}, unless they were recorded already. */
    OriginalRoutes recording(String key, HTTPRoute route) {
        if (routes.containsKey(key)) {
            return this;
        }
        HTTPRoute before = new HTTPRoute();
        before.setRoute(route.getRoute());
        before.setMirror(route.getMirror());
        before.setMirrorPercentage(route.getMirrorPercentage());
        before.setMirrorPercent(route.getMirrorPercent());
        Map<String, HTTPRoute> more = new LinkedHashMap<>(routes);
        more.put(key, before);
        return new OriginalRoutes(release, more);
    }

    Optional<HTTPRoute> before(String key) {
        return Optional.ofNullable(routes.get(key));
    }

    public String json() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
