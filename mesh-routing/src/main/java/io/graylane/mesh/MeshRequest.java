package io.graylane.mesh;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * An HTTP request as Istio's routing sees it.
 *
 * @param gateway {@code mesh} for a request between sidecars, else the gateway it came through
 *                ({@code <namespace>/<name>} or a name of the VirtualService's namespace)
 * @param path the path with its query string
 * @param headers names in lower case, as Envoy sees them
 * @param sourceLabels the labels of the calling workload (empty for a request through a gateway)
 */
public record MeshRequest(String gateway, String method, String path, Map<String, String> headers,
        Map<String, String> sourceLabels, int port) {

    public static final String MESH = "mesh";

    public MeshRequest {
        Map<String, String> lower = new LinkedHashMap<>();
        headers.forEach((name, value) -> lower.put(name.toLowerCase(Locale.ROOT), value));
        headers = Map.copyOf(lower);
        sourceLabels = Map.copyOf(sourceLabels);
    }

    /** A GET between sidecars on port 9080 (Bookinfo's) with these headers. */
    public static MeshRequest get(String path, Map<String, String> headers) {
        return new MeshRequest(MESH, "GET", path, headers, Map.of(), 9080);
    }

    public MeshRequest withPath(String newPath) {
        return new MeshRequest(gateway, method, newPath, headers, sourceLabels, port);
    }

    public MeshRequest from(Map<String, String> labels) {
        return new MeshRequest(gateway, method, path, headers, labels, port);
    }

    public MeshRequest through(String gatewayName) {
        return new MeshRequest(gatewayName, method, path, headers, Map.of(), port);
    }

    /** The path without its query string. */
    public String uri() {
        int query = path.indexOf('?');
        return query < 0 ? path : path.substring(0, query);
    }

    /** The query parameters; a parameter without a value has the empty string. */
    public Map<String, String> queryParams() {
        int query = path.indexOf('?');
        Map<String, String> params = new LinkedHashMap<>();
        if (query >= 0) {
            for (String pair : path.substring(query + 1).split("&")) {
                if (!pair.isEmpty()) {
                    int equals = pair.indexOf('=');
                    params.putIfAbsent(equals < 0 ? pair : pair.substring(0, equals),
                            equals < 0 ? "" : pair.substring(equals + 1));
                }
            }
        }
        return params;
    }
}
