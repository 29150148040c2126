package io.graylane.mesh;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPMatchRequest;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRoute;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRouteDestination;
import io.fabric8.istio.api.api.networking.v1alpha3.Percent;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatch;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatchExact;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatchPrefix;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatchRegex;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Istio's HTTP routing of one VirtualService, evaluated: routes are tried in order and the first whose
 * {@code match} the request satisfies takes it (a route without {@code match} takes every request; the
 * entries of a {@code match} are ORed, the conditions of one entry ANDed); its destinations share the request
 * by weight and its mirror gets a copy of {@code mirrorPercentage}. Strings match as Envoy matches them:
 * exact, prefix, or an RE2 regex on the whole value; a query parameter by exact value or regex.
 */
public final class HttpRouting {

    private HttpRouting() {
    }

    /** Where requests taking one route go: a share per destination, and a mirrored share. */
    public record Split(Map<String, Double> destinations, String mirror, double mirrorShare) {
    }

    /** The index of the route the request takes, or empty when none matches (Envoy answers 404, flag NR). */
    public static Optional<Integer> routeOf(List<HTTPRoute> routes, MeshRequest request) {
        for (int i = 0; routes != null && i < routes.size(); i++) {
            if (matches(routes.get(i).getMatch(), request)) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    /** Whether a route's {@code match} takes the request: no entry, or any entry whose conditions all hold. */
    public static boolean matches(List<HTTPMatchRequest> match, MeshRequest request) {
        return match == null || match.isEmpty() || match.stream().anyMatch(entry -> matches(entry, request));
    }

    /** Whether every condition of one match entry holds for the request. */
    public static boolean matches(HTTPMatchRequest entry, MeshRequest request) {
        boolean ignoreCase = Boolean.TRUE.equals(entry.getIgnoreUriCase());
        return (entry.getUri() == null || matches(entry.getUri(), request.uri(), ignoreCase))
                && (entry.getMethod() == null || matches(entry.getMethod(), request.method(), false))
                && (entry.getGateways() == null || entry.getGateways().isEmpty()
                        || entry.getGateways().contains(request.gateway()))
                && (entry.getPort() == null || entry.getPort() == request.port())
                && (entry.getSourceLabels() == null || request.sourceLabels().entrySet()
                        .containsAll(entry.getSourceLabels().entrySet()))
                && headersMatch(entry.getHeaders(), request, true)
                && headersMatch(entry.getWithoutHeaders(), request, false)
                && queryMatches(entry.getQueryParams(), request);
    }

    /** Whether a string match holds for a value; a missing value never matches. */
    public static boolean matches(StringMatch match, String value, boolean ignoreCase) {
        Object type = match == null ? null : match.getMatchType();
        if (value == null) {
            return false;
        }
        if (type instanceof StringMatchExact exact) {
            return ignoreCase ? exact.getExact().equalsIgnoreCase(value) : exact.getExact().equals(value);
        }
        if (type instanceof StringMatchPrefix prefix) {
            return ignoreCase ? value.toLowerCase(Locale.ROOT).startsWith(prefix.getPrefix().toLowerCase(Locale.ROOT))
                    : value.startsWith(prefix.getPrefix());
        }
        if (type instanceof StringMatchRegex regex) {
            try {
                return Pattern.compile(regex.getRegex(), ignoreCase ? Pattern.CASE_INSENSITIVE : 0).matches(value);
            } catch (PatternSyntaxException e) {
                return false;
            }
        }
        // An empty StringMatch matches any value that is present.
        return true;
    }

    /** The share of a route's requests each destination subset gets, and the mirrored share. */
    public static Split split(HTTPRoute route) {
        Map<String, Double> shares = new LinkedHashMap<>();
        List<HTTPRouteDestination> destinations = route.getRoute() == null ? List.of() : route.getRoute();
        int total = destinations.stream().mapToInt(d -> weight(d, destinations.size())).sum();
        for (HTTPRouteDestination destination : destinations) {
            double share = total == 0 ? 0 : (double) weight(destination, destinations.size()) / total;
            shares.merge(subsetOf(destination), share, Double::sum);
        }
        String mirror = route.getMirror() == null ? null
                : route.getMirror().getSubset() == null ? "" : route.getMirror().getSubset();
        return new Split(shares, mirror, mirror == null ? 0 : percent(route.getMirrorPercentage(),
                route.getMirrorPercent()) / 100);
    }

    /** A copy of the share {@code percent} says, 100 when neither is set (Istio's default mirrors all). */
    public static double percent(Percent percentage, Integer legacyPercent) {
        return percentage != null && percentage.getValue() != null ? percentage.getValue()
                : legacyPercent != null ? legacyPercent : 100;
    }

    /** A destination's weight: as written; the only destination of a route takes all. */
    public static int weight(HTTPRouteDestination destination, int destinations) {
        return destination.getWeight() != null ? destination.getWeight() : destinations == 1 ? 100 : 0;
    }

    private static String subsetOf(HTTPRouteDestination destination) {
        return destination.getDestination() == null || destination.getDestination().getSubset() == null ? ""
                : destination.getDestination().getSubset();
    }

    private static boolean headersMatch(Map<String, StringMatch> headers, MeshRequest request, boolean present) {
        if (headers == null) {
            return true;
        }
        for (Map.Entry<String, StringMatch> header : headers.entrySet()) {
            String value = request.headers().get(header.getKey().toLowerCase(Locale.ROOT));
            if (matches(header.getValue(), value, false) != present) {
                return false;
            }
        }
        return true;
    }

    private static boolean queryMatches(Map<String, StringMatch> params, MeshRequest request) {
        if (params == null) {
            return true;
        }
        Map<String, String> query = request.queryParams();
        for (Map.Entry<String, StringMatch> param : params.entrySet()) {
            if (param.getValue().getMatchType() instanceof StringMatchPrefix
                    || !matches(param.getValue(), query.get(param.getKey()), false)) {
                return false;
            }
        }
        return true;
    }
}
