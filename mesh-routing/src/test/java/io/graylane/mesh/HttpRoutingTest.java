package io.graylane.mesh;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRoute;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpRoutingTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void jasonReachesV2AndEveryoneElseV3InIstiosSample() throws IOException {
        JsonNode sample = YAML.readTree(Path.of("..", "kube-testing", "src", "main", "resources", "istio",
                "virtual-service-reviews-jason-v2-v3.yaml").toFile());
        List<HTTPRoute> http = List.of(YAML.treeToValue(sample.at("/spec/http"), HTTPRoute[].class));

        assertThat(goesTo(http, MeshRequest.get("/reviews/0", Map.of("End-User", "jason")))).isEqualTo(Map.of("v2", 1.0));
        assertThat(goesTo(http, MeshRequest.get("/reviews/0", Map.of("end-user", "kim")))).isEqualTo(Map.of("v3", 1.0));
        assertThat(goesTo(http, MeshRequest.get("/reviews/0", Map.of()))).isEqualTo(Map.of("v3", 1.0));
    }

    @Test
    void theFirstRouteThatMatchesTakesTheRequestAndNoneMeansNoRoute() {
        List<HTTPRoute> http = routes("""
                - match: [{uri: {prefix: /api}}]
                  route: [{destination: {host: reviews, subset: v2}}]
                - match: [{uri: {prefix: /api/v1}}]
                  route: [{destination: {host: reviews, subset: v3}}]
                """);

        assertThat(HttpRouting.routeOf(http, MeshRequest.get("/api/v1/x", Map.of()))).contains(0);
        assertThat(HttpRouting.routeOf(http, MeshRequest.get("/static", Map.of()))).isEmpty();
    }

    @Test
    void conditionsOfAnEntryAllHoldAndAnyEntryWill() {
        List<HTTPRoute> http = routes("""
                - match:
                  - headers: {end-user: {exact: jason}}
                    uri: {exact: /reviews/0}
                    method: {exact: GET}
                  - queryParams: {beta: {regex: "1|true"}}
                  route: [{destination: {host: reviews, subset: v2}}]
                """);

        assertThat(takes(http, "GET", "/reviews/0", Map.of("end-user", "jason"))).isTrue();
        assertThat(takes(http, "POST", "/reviews/0", Map.of("end-user", "jason"))).isFalse();
        assertThat(takes(http, "GET", "/reviews/1", Map.of("end-user", "jason"))).isFalse();
        assertThat(takes(http, "POST", "/x?beta=true", Map.of())).isTrue();
        assertThat(takes(http, "GET", "/x?beta=truer", Map.of())).as("RE2 matches the whole value").isFalse();
        assertThat(takes(http, "GET", "/x", Map.of())).isFalse();
    }

    @Test
    void stringMatchesAreExactPrefixOrWholeValueRegexes() {
        assertThat(takes(routes("[{match: [{uri: {prefix: /Api}}]}]"), "GET", "/api/x", Map.of())).isFalse();
        List<HTTPRoute> caseless = routes("[{match: [{uri: {prefix: /Api}, ignoreUriCase: true}]}]");
        assertThat(takes(caseless, "GET", "/api/x", Map.of())).isTrue();
        List<HTTPRoute> cookie = routes("""
                [{match: [{headers: {cookie: {regex: "(.*;\\\\s*)?beta=yes(;.*)?"}}}]}]""");
        assertThat(takes(cookie, "GET", "/", Map.of("cookie", "a=1; beta=yes; b=2"))).isTrue();
        assertThat(takes(cookie, "GET", "/", Map.of("cookie", "notbeta=yes"))).isFalse();
        List<HTTPRoute> prefixQuery = routes("[{match: [{queryParams: {v: {prefix: a}}}]}]");
        assertThat(takes(prefixQuery, "GET", "/?v=abc", Map.of())).as("Istio has no prefix on query parameters")
                .isFalse();
    }

    @Test
    void gatewaysSourceLabelsAndAbsentHeadersNarrowAMatch() {
        List<HTTPRoute> http = routes("""
                - match: [{gateways: [bookinfo-gateway]}]
                  route: [{destination: {host: productpage, subset: v2}}]
                - match: [{sourceLabels: {app: productpage}, withoutHeaders: {end-user: {exact: jason}}}]
                  route: [{destination: {host: reviews, subset: v3}}]
                """);
        MeshRequest request = MeshRequest.get("/", Map.of());

        assertThat(HttpRouting.routeOf(http, request.through("bookinfo-gateway"))).contains(0);
        assertThat(HttpRouting.routeOf(http, request.from(Map.of("app", "productpage", "version", "v1")))).contains(1);
        assertThat(HttpRouting.routeOf(http, request.from(Map.of("app", "ratings")))).isEmpty();
        MeshRequest jason = MeshRequest.get("/", Map.of("end-user", "jason")).from(Map.of("app", "productpage"));
        assertThat(HttpRouting.routeOf(http, jason)).isEmpty();
    }

    @Test
    void aRouteSharesItsRequestsByWeightAndMirrorsAShare() {
        HTTPRoute weighted = routes("""
                - route:
                  - {destination: {host: reviews, subset: v1}, weight: 80}
                  - {destination: {host: reviews, subset: v3}, weight: 20}
                  mirror: {host: reviews, subset: v2}
                  mirrorPercentage: {value: 12.5}
                """).get(0);

        HttpRouting.Split split = HttpRouting.split(weighted);
        assertThat(split.destinations()).isEqualTo(Map.of("v1", 0.8, "v3", 0.2));
        assertThat(split.mirror()).isEqualTo("v2");
        assertThat(split.mirrorShare()).isEqualTo(0.125);
        HttpRouting.Split single = HttpRouting.split(routes("[{route: [{destination: {host: reviews, subset: v2}}],"
                + " mirror: {host: reviews, subset: v3}}]").get(0));
        assertThat(single.destinations()).isEqualTo(Map.of("v2", 1.0));
        assertThat(single.mirrorShare()).as("Istio mirrors everything without a percentage").isEqualTo(1.0);
    }

    private static Map<String, Double> goesTo(List<HTTPRoute> http, MeshRequest request) {
        return HttpRouting.split(http.get(HttpRouting.routeOf(http, request).orElseThrow())).destinations();
    }

    private static boolean takes(List<HTTPRoute> http, String method, String path, Map<String, String> headers) {
        return HttpRouting.routeOf(http, new MeshRequest(MeshRequest.MESH, method, path, headers, Map.of(), 9080))
                .isPresent();
    }

    private static List<HTTPRoute> routes(String yaml) {
        try {
            return List.of(YAML.readValue(yaml, HTTPRoute[].class));
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
