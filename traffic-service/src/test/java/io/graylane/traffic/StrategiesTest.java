package io.graylane.traffic;

import io.graylane.infra.IssuerResource;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRoute;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.istio.api.api.networking.v1alpha3.StringMatchRegex;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.istio.client.IstioClient;
import io.graylane.events.EventTypes;
import io.graylane.events.release.Baseline;
import io.graylane.events.release.Candidate;
import io.graylane.events.release.CookieMatch;
import io.graylane.events.release.DesiredRelease;
import io.graylane.events.release.HttpMatch;
import io.graylane.events.release.Intent;
import io.graylane.events.release.Strategy;
import io.graylane.events.release.TrafficPolicy;
import io.graylane.infra.KafkaResource;
import io.graylane.kubetesting.StandInCluster;
import io.graylane.kubetesting.IstioSamples;
import io.graylane.kubetesting.IstioSchemas;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Content matching, blue-green, mirroring and the user's own routes through a whole release. */
@QuarkusTest
@WithTestResource(IssuerResource.class)
@WithTestResource(StandInCluster.class)
@WithTestResource(KafkaResource.class)
class StrategiesTest extends SeededNamespaceTest {

    private static final HttpMatch BETA_COOKIE = new HttpMatch(null, null, null, null, new CookieMatch("beta", "yes"),
            null);

    @Test
    void sendsMatchingRequestsToTheCandidateWithAndWithoutWeights() {
        DesiredRelease byCookie = releases.publish(release(Strategy.CANARY,
                new TrafficPolicy(null, List.of(BETA_COOKIE), null, null)));
        JsonNode applied = reports.await(EventTypes.TRAFFIC_APPLIED, 1);
        assertThat(applied.at("/routes/matchVersion").asText()).isEqualTo("v2");
        HTTPRoute match = virtualService().getSpec().getHttp().get(0);
        assertThat(match.getName()).isEqualTo("graylane-canary-match");
        assertThat(match.getMatch().get(0).getHeaders()).containsEntry("cookie",
                new StringMatch(new StringMatchRegex("(.*;\\s*)?beta=yes(;.*)?")));
        assertThat(weights(virtualService())).containsExactly(Map.of("v2", 100), Map.of("v1", 100));
        IstioSchemas.assertValid(virtualService());

        HttpMatch jasonOnAndroid = new HttpMatch(Map.of("end-user", new io.graylane.events.release.StringMatch(
                "jason", null, null)), null, null, null, null, List.of(io.graylane.events.release.ClientOs.Android));
        releases.publish(Releases.next(byCookie, new TrafficPolicy(Map.of("v1", 80, "v2", 20),
                List.of(BETA_COOKIE, jasonOnAndroid), null, null)));
        reports.await(EventTypes.TRAFFIC_APPLIED, 2);
        VirtualService both = virtualService();
        assertThat(both.getSpec().getHttp().get(0).getMatch()).hasSize(2);
        assertThat(both.getSpec().getHttp().get(0).getMatch().get(1).getHeaders()).containsKeys("end-user",
                "user-agent");
        assertThat(weights(both)).containsExactly(Map.of("v2", 100), Map.of("v1", 80, "v2", 20));
        IstioSchemas.assertValid(both);
    }

    @Test
    void switchesBlueGreenAndBack() {
        DesiredRelease blue = releases.publish(release(Strategy.BLUE_GREEN, new TrafficPolicy(null, null, "v1", null)));
        awaitCandidate();
        reports.await(EventTypes.TRAFFIC_APPLIED, 1);
        assertThat(weights(virtualService()).get(0)).isEqualTo(Map.of("v1", 100));

        holdUnready(CANDIDATE);
        DesiredRelease green = releases.publish(Releases.next(blue, new TrafficPolicy(null, null, "v2", null)));
        assertThat(reports.await(EventTypes.TRAFFIC_PROGRESSING, 2).path("reason").asText())
                .isEqualTo("WaitingForCandidate");
        assertThat(goesTo(ANYONE)).as("no switch to a candidate that is not ready").isEqualTo(Map.of("v1", 1.0));
        release(CANDIDATE);
        reports.await(EventTypes.TRAFFIC_APPLIED, 2);
        assertThat(weights(virtualService()).get(0)).isEqualTo(Map.of("v2", 100));

        releases.publish(Releases.next(green, new TrafficPolicy(null, null, "v1", null)));
        reports.await(EventTypes.TRAFFIC_APPLIED, 3);
        assertThat(weights(virtualService()).get(0)).isEqualTo(Map.of("v1", 100));
        IstioSchemas.assertValid(virtualService());
    }

    @Test
    void mirrorsHalfTheTraffic() {
        releases.publish(release(Strategy.MIRROR, new TrafficPolicy(null, null, null, new BigDecimal("50"))));
        JsonNode applied = reports.await(EventTypes.TRAFFIC_APPLIED, 1);

        assertThat(applied.at("/routes/mirror/percent").asDouble()).isEqualTo(50.0);
        HTTPRoute route = virtualService().getSpec().getHttp().get(0);
        assertThat(route.getMirror().getSubset()).isEqualTo("v2");
        assertThat(route.getMirrorPercentage().getValue()).isEqualTo(50.0);
        assertThat(weights(virtualService()).get(0)).isEqualTo(Map.of("v1", 100));
        IstioSchemas.assertValid(virtualService());
    }

    @Test
    void keepsTheUsersFaultInjectionRouteAndPointsItAtTheNewVersionAfterOffline() {
        IstioClient istio = client.adapt(IstioClient.class);
        istio.v1().virtualServices().inNamespace(namespace).withName("reviews").edit(vs -> {
            HTTPRoute fault = IstioSamples.faultInjectionRoute();
            vs.getSpec().getHttp().add(0, fault);
            return vs;
        });
        IstioSchemas.assertValid(virtualService());
        HTTPRoute before = virtualService().getSpec().getHttp().get(0);

        DesiredRelease created = releases.publish(release(Strategy.CANARY,
                new TrafficPolicy(Map.of("v1", 50, "v2", 50), null, null, null)));
        reports.await(EventTypes.TRAFFIC_APPLIED, 1);
        DesiredRelease takenOver = releases.publish(Releases.next(created, Intent.TAKEOVER, "v2"));
        reports.await(EventTypes.TRAFFIC_APPLIED, 2);
        releases.publish(Releases.next(takenOver, Intent.OFFLINE, "v2"));
        JsonNode done = reports.await(EventTypes.TRAFFIC_APPLIED, 3);

        assertThat(done.path("repointedRoutes")).extracting(JsonNode::asText).contains("jason-delay");
        HTTPRoute after = virtualService().getSpec().getHttp().get(0);
        assertThat(after.getName()).isEqualTo("jason-delay");
        assertThat(after.getMatch()).isEqualTo(before.getMatch());
        assertThat(after.getFault()).isEqualTo(before.getFault());
        assertThat(after.getRoute().get(0).getDestination().getSubset()).isEqualTo("v2");
        IstioSchemas.assertValid(virtualService());
    }

    private DesiredRelease release(Strategy strategy, TrafficPolicy traffic) {
        return new DesiredRelease(namespace, "canary", strategy, "reviews", new Baseline("v1"),
                new Candidate("v2", Releases.V2_IMAGE, 1, null), null, traffic, Intent.SPLIT, null, 1, null);
    }
}
