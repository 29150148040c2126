package io.graylane.bookinfo.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRoute;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import io.graylane.mesh.MeshRequest;
import org.junit.jupiter.api.Test;

/** Envoy's choices for Istio's own Bookinfo routing samples, and for what Graylane's releases write. */
class RouterTest {

    private static final Map<String, Map<String, String>> SUBSETS = Map.of("v1", Map.of("version", "v1"),
            "v2", Map.of("version", "v2"), "v3", Map.of("version", "v3"));
    private static final Map<String, Integer> ALL_READY = Map.of("v1", 1, "v2", 1, "v3", 1);
    private static final MeshRequest ANONYMOUS = MeshRequest.get("/reviews/0", Map.of("user-agent",
            Users.USER_AGENTS.get(0)));
    private static final MeshRequest JASON = MeshRequest.get("/reviews/0", Map.of("end-user", "jason",
            "cookie", "session=1; user=jason", "user-agent", Users.USER_AGENTS.get(4)));

    private final Router router = new Router(new Random(7));

    @Test
    void splitsByWeightAsIstiosEightyTwentySampleSays() {
        ServiceRouting routing = new ServiceRouting("reviews", routes("virtual-service-reviews-80-20.yaml"), SUBSETS,
                ALL_READY);

        Map<String, Integer> served = serve(routing, ANONYMOUS, 10_000);

        assertThat(served.keySet()).containsExactlyInAnyOrder("v1", "v2");
        assertThat(served.get("v2")).isBetween(1_850, 2_150);
    }

    @Test
    void sendsJasonToVersionTwoAsIstiosTestSampleSays() {
        ServiceRouting routing = new ServiceRouting("reviews", routes("virtual-service-reviews-test-v2.yaml"),
                SUBSETS, ALL_READY);

        assertThat(serve(routing, JASON, 100)).containsExactly(Map.entry("v2", 100));
        assertThat(serve(routing, ANONYMOUS, 100)).containsExactly(Map.entry("v1", 100));
        Decision decision = router.decide(routing, JASON, "productpage");
        assertThat(decision.subset()).isEqualTo("v2");
        assertThat(decision.flags()).isEqualTo("-");
    }

    @Test
    void matchesCookiesAndClientSystemsByRegexOnTheWholeValue() {
        ServiceRouting routing = new ServiceRouting("reviews", routes("""
                http:
                - match:
                  - headers:
                      cookie: {regex: "(.*;\\\\s*)?user=jason(;.*)?"}
                      user-agent: {regex: ".*(iPhone|iPad).*"}
                  route:
                  - destination: {host: reviews, subset: v3}
                - route:
                  - destination: {host: reviews, subset: v1}
                """), SUBSETS, ALL_READY);

        // the expressions traffic-service writes for a cookie and for iOS
        assertThat(router.decide(routing, JASON, "productpage").version()).isEqualTo("v3");
        assertThat(router.decide(routing, MeshRequest.get("/reviews/0", Map.of("cookie", "user=jason",
                "user-agent", Users.USER_AGENTS.get(0))), "productpage").version()).isEqualTo("v1");
    }

    @Test
    void routesRequestsFromTheIngressGatewayByTheVirtualServiceBoundToIt() {
        List<HTTPRoute> gateway = routes("""
                http:
                - match: [{uri: {exact: /productpage}}]
                  route:
                  - {destination: {host: productpage, port: {number: 9080}, subset: v1}, weight: 0}
                  - {destination: {host: productpage, port: {number: 9080}, subset: v2}, weight: 100}
                """);
        List<HTTPRoute> mesh = routes("""
                http:
                - route:
                  - destination: {host: productpage, subset: v1}
                """);
        ServiceRouting routing = new ServiceRouting("productpage", mesh, SUBSETS, ALL_READY, "bookinfo-gateway",
                gateway);

        MeshRequest page = MeshRequest.get("/productpage", Map.of());
        assertThat(router.decide(routing, page, "istio-ingressgateway").version()).isEqualTo("v2");
        assertThat(router.decide(routing, page, "reviews").version()).isEqualTo("v1");
        assertThat(router.decide(routing, MeshRequest.get("/other", Map.of()), "istio-ingressgateway").flags())
                .isEqualTo("NR");
    }

    @Test
    void mirrorsTheShareTheRouteSays() {
        ServiceRouting routing = new ServiceRouting("reviews", routes("""
                http:
                - route:
                  - destination: {host: reviews, subset: v1}
                  mirror: {host: reviews, subset: v2}
                  mirrorPercentage: {value: 25.0}
                """), SUBSETS, ALL_READY);

        int mirrored = 0;
        for (int i = 0; i < 4_000; i++) {
            Decision decision = router.decide(routing, ANONYMOUS, "productpage");
            assertThat(decision.version()).isEqualTo("v1");
            if ("v2".equals(decision.mirrorVersion())) {
                mirrored++;
            }
        }
        assertThat(mirrored).isBetween(850, 1_150);
    }

    @Test
    void answersAsEnvoyDoesWhenNothingCanServe() {
        ServiceRouting toV2 = new ServiceRouting("reviews", routes("""
                http:
                - route:
                  - destination: {host: reviews, subset: v2}
                """), SUBSETS, Map.of("v1", 1));
        assertThat(router.decide(toV2, ANONYMOUS, "productpage")).extracting(Decision::status, Decision::flags)
                .containsExactly(503, "UH");

        ServiceRouting unknownSubset = new ServiceRouting("reviews", toV2.routes(), Map.of("v1", Map.of("version",
                "v1")), ALL_READY);
        assertThat(router.decide(unknownSubset, ANONYMOUS, "productpage").flags()).isEqualTo("NC");

        ServiceRouting onlyJason = new ServiceRouting("reviews", routes("""
                http:
                - match:
                  - headers:
                      end-user: {exact: jason}
                  route:
                  - destination: {host: reviews, subset: v2}
                """), SUBSETS, ALL_READY);
        assertThat(router.decide(onlyJason, ANONYMOUS, "productpage")).extracting(Decision::status, Decision::flags)
                .containsExactly(404, "NR");
    }

    @Test
    void injectsFaults() {
        ServiceRouting routing = new ServiceRouting("ratings", routes("""
                http:
                - fault:
                    abort:
                      httpStatus: 500
                      percentage: {value: 100}
                    delay:
                      fixedDelay: 7s
                      percentage: {value: 100}
                  route:
                  - destination: {host: ratings, subset: v1}
                """), SUBSETS, ALL_READY);

        Decision decision = router.decide(routing, ANONYMOUS, "reviews");
        assertThat(decision.status()).isEqualTo(500);
        assertThat(decision.flags()).isEqualTo("FI");
        assertThat(decision.delayMicros()).isEqualTo(7_000_000);
        assertThat(Router.micros("150ms")).isEqualTo(150_000);
        assertThat(Router.micros("1.5s")).isEqualTo(1_500_000);
    }

    @Test
    void withoutAVirtualServiceTheServiceSpreadsOverReadyReplicas() {
        ServiceRouting routing = new ServiceRouting("reviews", null, Map.of(), Map.of("v1", 3, "v2", 1, "v3", 0));

        Map<String, Integer> served = serve(routing, ANONYMOUS, 8_000);

        assertThat(served).doesNotContainKey("v3");
        assertThat(served.get("v2")).isBetween(1_800, 2_200);
    }

    private Map<String, Integer> serve(ServiceRouting routing, MeshRequest request, int times) {
        Map<String, Integer> served = new HashMap<>();
        for (int i = 0; i < times; i++) {
            served.merge(router.decide(routing, request, "productpage").version(), 1, Integer::sum);
        }
        return served;
    }

    /** The http routes of a test resource under istio/, or of a YAML spec given inline. */
    private static List<HTTPRoute> routes(String fileOrSpec) {
        KubernetesSerialization serialization = new KubernetesSerialization();
        String yaml = fileOrSpec.endsWith(".yaml") ? resource("/istio/" + fileOrSpec)
                : "apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: t}\nspec:\n  hosts: [reviews]\n"
                        + fileOrSpec.indent(2);
        return serialization.unmarshal(yaml, VirtualService.class).getSpec().getHttp();
    }

    private static String resource(String path) {
        try (InputStream in = RouterTest.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
