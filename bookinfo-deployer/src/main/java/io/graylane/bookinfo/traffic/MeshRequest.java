package io.graylane.bookinfo.traffic;

import java.util.Map;

/**
 * A request between Bookinfo's services as Istio's routing sees it: its path and its headers (names in lower
 * case). productpage forwards {@code end-user}, {@code user-agent} and {@code cookie} to reviews, so the
 * headers of the user's request reach every hop.
 */
public record MeshRequest(String path, Map<String, String> headers) {

    public MeshRequest to(String path) {
        return new MeshRequest(path, headers);
    }
}
