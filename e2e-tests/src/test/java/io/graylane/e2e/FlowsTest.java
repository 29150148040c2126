package io.graylane.e2e;

import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRoute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.graylane.kubetesting.IstioSamples;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The other ways a release goes, each through both services and the cluster. */
class FlowsTest {

    private final Suite suite = Suite.get();
    private final String namespace = "flow-" + UUID.randomUUID().toString().substring(0, 6);
    private final Cluster cluster = new Cluster(suite.kubernetes, namespace);
    private final Api api = new Api(suite, namespace);

    @BeforeEach
    void seed() {
        cluster.seedTutorial();
    }

    @Test
    void rollsBackFromActive() {
        startCanary("{\"weights\": {\"v1\": 70, \"v2\": 30}}");

        api.action("canary", "rollback").statusCode(202);
        api.awaitPhase("canary", "RolledBack");

        assertThat(cluster.deployment("reviews-v2")).isNull();
        assertThat(cluster.deployment("reviews-v1")).isNotNull();
        assertThat(cluster.subsets()).doesNotContain("v2");
        assertThat(cluster.weights()).allSatisfy(route -> assertThat(route).isEqualTo(Map.of("v1", 100)));
    }

    @Test
    void routesByHeaderAndCookieWithAndWithoutWeights() {
        startCanary("{\"matches\": [{\"headers\": {\"end-user\": {\"exact\": \"jason\"}}}]}");
        HTTPRoute match = cluster.virtualService().getSpec().getHttp().get(0);
        assertThat(match.getName()).isEqualTo("graylane-canary-match");
        assertThat(match.getMatch().get(0).getHeaders()).containsKey("end-user");
        assertThat(cluster.weights()).containsExactly(Map.of("v2", 100), Map.of("v1", 100));

        api.traffic("canary", "{\"matches\": [{\"cookie\": {\"name\": \"beta\", \"value\": \"yes\"}}],"
                + " \"weights\": {\"v1\": 90, \"v2\": 10}}").statusCode(202);
        api.awaitPhase("canary", "Active");
        assertThat(cluster.virtualService().getSpec().getHttp().get(0).getMatch().get(0).getHeaders())
                .containsKey("cookie");
        assertThat(cluster.weights()).containsExactly(Map.of("v2", 100), Map.of("v1", 90, "v2", 10));
    }

    @Test
    void switchesBlueGreenAndBack() {
        api.create(release("BLUE_GREEN", "{\"active\": \"v1\"}")).statusCode(201);
        await().atMost(Duration.ofSeconds(60)).until(() -> cluster.deployment("reviews-v2") != null);
        api.awaitPhase("canary", "Active");
        assertThat(cluster.weights().get(0)).isEqualTo(Map.of("v1", 100));

        cluster.holdUnready("reviews-v2");
        api.traffic("canary", "{\"active\": \"v2\"}").statusCode(202);
        api.awaitPhase("canary", "Progressing");
        assertThat(cluster.weights().get(0)).isEqualTo(Map.of("v1", 100));
        cluster.release("reviews-v2");
        api.awaitPhase("canary", "Active");
        assertThat(cluster.weights().get(0)).isEqualTo(Map.of("v2", 100));

        api.traffic("canary", "{\"active\": \"v1\"}").statusCode(202);
        api.awaitPhase("canary", "Active");
        assertThat(cluster.weights().get(0)).isEqualTo(Map.of("v1", 100));
    }

    @Test
    void mirrorsHalfTheTraffic() {
        api.create(release("MIRROR", "{\"mirrorPercent\": 50}")).statusCode(201);
        api.awaitPhase("canary", "Active");

        HTTPRoute route = cluster.virtualService().getSpec().getHttp().get(0);
        assertThat(route.getMirror().getSubset()).isEqualTo("v2");
        assertThat(route.getMirrorPercentage().getValue()).isEqualTo(50.0);
        assertThat(cluster.weights().get(0)).isEqualTo(Map.of("v1", 100));
    }

    @Test
    void failsWithAClearMessageWhenTheBaselineIsMissing() {
        api.create("""
                {"name": "ratings-canary", "strategy": "CANARY", "service": "ratings",
                 "baseline": {"version": "v1"},
                 "candidate": {"version": "v2", "image": "istio/examples-bookinfo-ratings-v2:1.20.1"},
                 "traffic": {"weights": {"v1": 90, "v2": 10}}}
                """).statusCode(201);

        api.awaitPhase("ratings-canary", "Failed");
        api.get("ratings-canary")
                .body("conditions[0].reason", equalTo("BaselineNotFound"))
                .body("conditions[0].message", equalTo("no Deployment in namespace '" + namespace
                        + "' labelled app=ratings,version=v1 or app.kubernetes.io/name=ratings,"
                        + "app.kubernetes.io/version=v1"));
        api.action("ratings-canary", "rollback").statusCode(202);
    }

    @Test
    void keepsTheUsersFaultRouteAndPointsItAtTheNewVersionAfterOffline() {
        cluster.editVirtualService(vs -> {
            HTTPRoute fault = IstioSamples.faultInjectionRoute();
            vs.getSpec().getHttp().add(0, fault);
            return vs;
        });
        HTTPRoute before = cluster.virtualService().getSpec().getHttp().get(0);
        startCanary("{\"weights\": {\"v1\": 50, \"v2\": 50}}");
        api.takeOver("canary", "v2").statusCode(202);
        api.awaitPhase("canary", "TakenOver");
        api.action("canary", "offline").statusCode(202);
        api.awaitPhase("canary", "Completed");

        HTTPRoute after = cluster.virtualService().getSpec().getHttp().get(0);
        assertThat(after.getName()).isEqualTo("jason-delay");
        assertThat(after.getMatch()).isEqualTo(before.getMatch());
        assertThat(after.getFault()).isEqualTo(before.getFault());
        assertThat(after.getRoute().get(0).getDestination().getSubset()).isEqualTo("v2");
        api.history("canary").body("items[-1].detail", containsString("re-pointed routes jason-delay"));
    }

    @Test
    void putsBackAnOwnedRouteEditedByHand() {
        startCanary("{\"weights\": {\"v1\": 70, \"v2\": 30}}");

        cluster.editVirtualService(vs -> {
            vs.getSpec().getHttp().get(0).getRoute().get(0).setWeight(0);
            vs.getSpec().getHttp().get(0).getRoute().get(1).setWeight(100);
            return vs;
        });

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(cluster.weights().get(0)).isEqualTo(Map.of("v1", 70, "v2", 30));
            api.history("canary").body("items.action", hasItem("DriftCorrected"));
        });
        api.get("canary").body("phase", equalTo("Active"));
    }

    private void startCanary(String traffic) {
        api.create(release("CANARY", traffic)).statusCode(201);
        api.awaitPhase("canary", "Active");
    }

    private static String release(String strategy, String traffic) {
        return """
                {"name": "canary", "strategy": "%s", "service": "reviews",
                 "baseline": {"version": "v1"},
                 "candidate": {"version": "v2", "image": "kubesphere/examples-bookinfo-reviews-v2:1.13.0"},
                 "traffic": %s}
                """.formatted(strategy, traffic);
    }

}
