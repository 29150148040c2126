package io.graylane.cli;

import java.net.URI;
import java.util.Map;

/**
 * Where the services listen: the ports {@code ./graylane up} uses, or the URLs in
 * {@code GRAYLANE_RELEASE_URL}, {@code GRAYLANE_TRAFFIC_URL}, {@code GRAYLANE_OBSERVABILITY_URL} and
 * {@code GRAYLANE_BOOKINFO_URL}.
 */
record Services(URI release, URI traffic, URI observability, URI bookinfo) {

    static Services from(Map<String, String> env) {
        return new Services(
                url(env, "GRAYLANE_RELEASE_URL", "RELEASE_SERVICE_PORT", 8081),
                url(env, "GRAYLANE_TRAFFIC_URL", "TRAFFIC_SERVICE_PORT", 8082),
                url(env, "GRAYLANE_OBSERVABILITY_URL", "OBSERVABILITY_SERVICE_PORT", 8083),
                url(env, "GRAYLANE_BOOKINFO_URL", "BOOKINFO_DEPLOYER_PORT", 8084));
    }

    private static URI url(Map<String, String> env, String urlVariable, String portVariable, int port) {
        String url = env.get(urlVariable);
        if (url != null && !url.isBlank()) {
            return URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        }
        return URI.create("http://127.0.0.1:" + env.getOrDefault(portVariable, String.valueOf(port)));
    }

    URI bookinfo(String namespace) {
        return URI.create(bookinfo + "/api/v1/namespaces/" + namespace + "/bookinfo");
    }

    URI bookinfoTraffic(String namespace) {
        return URI.create(bookinfo(namespace) + "/traffic");
    }

    URI releases(String namespace) {
        return URI.create(release + "/api/v1/namespaces/" + namespace + "/releases");
    }

    URI routing(String namespace, String service) {
        return URI.create(traffic + "/api/v1/namespaces/" + namespace + "/services/" + service + "/routing");
    }

    URI observability(String pathAndQuery) {
        return URI.create(observability + pathAndQuery);
    }
}
