package io.graylane.bookinfo.traffic;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPFaultInjection;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPFaultInjectionAbortHttpStatus;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPFaultInjectionDelayFixedDelay;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPMatchRequest;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRoute;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRouteDestination;
import io.fabric8.istio.api.api.networking.v1alpha3.Percent;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatch;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatchExact;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatchPrefix;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatchRegex;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Envoy's choice for one request, as Istio configures it: the first http route whose match the request
 * satisfies (all conditions of one match entry; any entry), its fault injection, a destination drawn by
 * weight, the version its subset's labels name, and the mirror. Regexes are RE2 and match the whole value,
 * as Envoy's safe_regex does. Without a VirtualService, the Kubernetes Service spreads requests over the
 * ready replicas of every version.
 */
public final class Router {

    private final Random random;

    public Router(Random random) {
        this.random = random;
    }

    public Decision decide(ServiceRouting routing, MeshRequest request, String sourceApp) {
        if (routing.routes() == null) {
            String version = byReplicas(routing.readyByVersion());
            return version == null ? Decision.refused("", 503, "UH") : new Decision(version, "", 0, "-", 0, null, null);
        }
        for (HTTPRoute route : routing.routes()) {
            if (matches(route.getMatch(), request, sourceApp)) {
                return follow(route, routing);
            }
        }
        return Decision.refused("", 404, "NR");
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
        if (route.getMirror() != null && chance(route.getMirrorPercentage(), route.getMirrorPercent())) {
            String mirrorSubset = route.getMirror().getSubset() == null ? "" : route.getMirror().getSubset();
            String mirror = mirrorSubset.isEmpty() ? byReplicas(routing.readyByVersion())
                    : versionOf(routing, mirrorSubset);
            if (mirror != null && routing.readyByVersion().getOrDefault(mirror, 0) > 0) {
                return new Decision(version, subset, 0, flags, delay, mirrorSubset, mirror);
            }
        }
        return new Decision(version, subset, 0, flags, delay, null, null);
    }

    static boolean matches(List<HTTPMatchRequest> match, MeshRequest request, String sourceApp) {
        if (match == null || match.isEmpty()) {
            return true;
        }
        return match.stream().anyMatch(entry -> matches(entry, request, sourceApp));
    }

    private static boolean matches(HTTPMatchRequest entry, MeshRequest request, String sourceApp) {
        boolean ignoreCase = Boolean.TRUE.equals(entry.getIgnoreUriCase());
        if (entry.getUri() != null && !matches(entry.getUri(), request.path(), ignoreCase)) {
            return false;
        }
        if (entry.getMethod() != null && !matches(entry.getMethod(), "GET", false)) {
            return false;
        }
        if (entry.getGateways() != null && !entry.getGateways().isEmpty() && !entry.getGateways().contains("mesh")) {
            return false;
        }
        if (entry.getPort() != null && entry.getPort() != 9080) {
            return false;
        }
        if (entry.getQueryParams() != null && !entry.getQueryParams().isEmpty()) {
            return false;
        }
        if (entry.getSourceLabels() != null && !entry.getSourceLabels().isEmpty()
                && !entry.getSourceLabels().equals(Map.of("app", sourceApp))) {
            return false;
        }
        if (entry.getHeaders() != null) {
            for (Map.Entry<String, StringMatch> header : entry.getHeaders().entrySet()) {
                String value = request.headers().get(header.getKey().toLowerCase());
                if (value == null || !matches(header.getValue(), value, false)) {
                    return false;
                }
            }
        }
        if (entry.getWithoutHeaders() != null) {
            for (Map.Entry<String, StringMatch> header : entry.getWithoutHeaders().entrySet()) {
                String value = request.headers().get(header.getKey().toLowerCase());
                if (value != null && matches(header.getValue(), value, false)) {
                    return false;
                }
            }
        }
        return true;
    }

    static boolean matches(StringMatch match, String value, boolean ignoreCase) {
        Object type = match == null ? null : match.getMatchType();
        if (type instanceof StringMatchExact exact) {
            return ignoreCase ? exact.getExact().equalsIgnoreCase(value) : exact.getExact().equals(value);
        }
        if (type instanceof StringMatchPrefix prefix) {
            return ignoreCase ? value.toLowerCase().startsWith(prefix.getPrefix().toLowerCase())
                    : value.startsWith(prefix.getPrefix());
        }
        if (type instanceof StringMatchRegex regex) {
            try {
                return Pattern.compile(regex.getRegex(), ignoreCase ? Pattern.CASE_INSENSITIVE : 0).matches(value);
            } catch (PatternSyntaxException e) {
                return false;
            }
        }
        return true;
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
        double percent = percentage != null && percentage.getValue() != null ? percentage.getValue()
                : legacyPercent != null ? legacyPercent : 100;
        return random.nextDouble() * 100 < percent;
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
