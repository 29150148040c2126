package io.graylane.traffic.domain;

import io.fabric8.istio.api.api.networking.v1alpha3.HTTPMatchRequest;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatch;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatchExact;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatchPrefix;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatchRegex;
import io.graylane.events.release.ClientOs;
import io.graylane.events.release.CookieMatch;
import io.graylane.events.release.HttpMatch;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Turns a release's match blocks into Istio HTTPMatchRequests. A cookie becomes a regex on the Cookie
 * header that matches one exact pair; client operating systems become a regex on the User-Agent.
 */
public final class IstioMatches {

    private IstioMatches() {
    }

    public static HTTPMatchRequest of(HttpMatch match) {
        HTTPMatchRequest request = new HTTPMatchRequest();
        Map<String, StringMatch> headers = new TreeMap<>();
        if (match.headers() != null) {
            match.headers().forEach((name, value) -> headers.put(name, of(value)));
        }
        if (match.cookie() != null) {
            headers.put("cookie", regex(cookieRegex(match.cookie())));
        }
        if (match.clientOs() != null) {
            headers.put("user-agent", regex(userAgentRegex(match.clientOs())));
        }
        if (!headers.isEmpty()) {
            request.setHeaders(headers);
        }
        if (match.uri() != null) {
            request.setUri(of(match.uri()));
        }
        if (match.method() != null) {
            request.setMethod(of(match.method()));
        }
        if (match.queryParams() != null) {
            request.setQueryParams(match.queryParams().entrySet().stream().collect(Collectors.toMap(
                    Map.Entry::getKey, entry -> of(entry.getValue()), (a, b) -> a, TreeMap::new)));
        }
        return request;
    }

    static StringMatch of(io.graylane.events.release.StringMatch match) {
        if (match.exact() != null) {
            return new StringMatch(new StringMatchExact(match.exact()));
        }
        return match.prefix() != null ? new StringMatch(new StringMatchPrefix(match.prefix())) : regex(match.regex());
    }

    /** The pair anywhere in a header such as {@code a=1; beta=yes; b=2}, never as part of another name. */
    static String cookieRegex(CookieMatch cookie) {
        return "(.*;\\s*)?" + Re2.literal(cookie.name()) + "=" + Re2.literal(cookie.value()) + "(;.*)?";
    }

    /**
     * RE2 has no look-ahead, so "Linux but not Android" is expressed by what desktop Linux browsers send
     * and Android never does: {@code X11; ... Linux}. iPadOS reports itself as Macintosh and counts as macOS.
     */
    static String userAgentRegex(List<ClientOs> systems) {
        return ".*(" + systems.stream().distinct().sorted().map(IstioMatches::userAgentToken)
                .collect(Collectors.joining("|")) + ").*";
    }

    private static String userAgentToken(ClientOs os) {
        return switch (os) {
            case Windows -> "Windows";
            case macOS -> "Macintosh";
            case Linux -> "X11;[^)]*Linux";
            case Android -> "Android";
            case iOS -> "iPhone|iPad|iPod";
        };
    }

    private static StringMatch regex(String expression) {
        return new StringMatch(new StringMatchRegex(expression));
    }
}
