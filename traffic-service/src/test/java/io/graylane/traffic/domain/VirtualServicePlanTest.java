package io.graylane.traffic.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPFaultInjection;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPFaultInjectionDelay;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRoute;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRouteDestination;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.graylane.events.release.Baseline;
import io.graylane.events.release.Candidate;
import io.graylane.events.release.DesiredRelease;
import io.graylane.events.release.HttpMatch;
import io.graylane.events.release.Intent;
import io.graylane.events.release.Strategy;
import io.graylane.events.release.StringMatch;
import io.graylane.events.release.TrafficPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VirtualServicePlanTest {

    private static final HttpMatch JASON = new HttpMatch(Map.of("end-user", new StringMatch("jason", null, null)),
            null, null, null, null, null);

    @Test
    void weightsAreFieldForFieldIstiosEightyTwentySample() {
        List<HTTPRoute> http = plan(canary(new TrafficPolicy(Map.of("v1", 80, "v2", 20), null, null, null)), List.of());

        assertThat(unnamed(http)).isEqualTo(sample("virtual-service-reviews-80-20.yaml"));
    }

    @Test
    void aHeaderMatchIsFieldForFieldIstiosTestV2Sample() {
        List<HTTPRoute> http = plan(canary(new TrafficPolicy(null, List.of(JASON), null, null)), List.of());

        assertThat(unnamed(http)).isEqualTo(sample("virtual-service-reviews-test-v2.yaml"));
        assertThat(http).extracting(HTTPRoute::getName).containsExactly("graylane-canary-match", "graylane-canary");
    }

    @Test
    void matchesWithWeightsPutTheMatchRouteFirst() {
        List<HTTPRoute> http = plan(canary(new TrafficPolicy(Map.of("v1", 90, "v2", 10), List.of(JASON), null,
                null)), List.of());

        assertThat(http.get(0).getMatch()).isNotEmpty();
        assertThat(http.get(1).getRoute()).extracting(HTTPRouteDestination::getWeight).containsExactly(90, 10);
    }

    @Test
    void mirrorsAShareOfTheBaselinesTraffic() {
        HTTPRoute route = plan(release(Strategy.MIRROR, new TrafficPolicy(null, null, null, new BigDecimal("50")),
                Intent.SPLIT, null), List.of()).get(0);

        assertThat(route.getRoute()).singleElement().satisfies(d -> {
            assertThat(d.getDestination().getSubset()).isEqualTo("v1");
            assertThat(d.getWeight()).isNull();
        });
        assertThat(route.getMirror().getHost()).isEqualTo("reviews");
        assertThat(route.getMirror().getSubset()).isEqualTo("v2");
        assertThat(route.getMirrorPercentage().getValue()).isEqualTo(50.0);
    }

    @Test
    void placesItsRoutesFirstAndKeepsTheUsersAsWritten() {
        HTTPRoute users = faultRoute();
        List<HTTPRoute> http = plan(canary(new TrafficPolicy(Map.of("v1", 70, "v2", 30), null, null, null)),
                List.of(users));

        assertThat(http).hasSize(2);
        assertThat(http.get(1)).isEqualTo(users);
    }

    @Test
    void offlineRepointsEveryRouteToTheRemovedVersionKeepingItsOtherFieldsAndEndsWithADefaultRoute() {
        HTTPRoute users = faultRoute();
        DesiredRelease offline = release(Strategy.CANARY, new TrafficPolicy(Map.of("v1", 70, "v2", 30), null, null,
                null), Intent.OFFLINE, "v2");
        List<HTTPRoute> before = new ArrayList<>(plan(canary(offline.traffic()), List.of(users)));

        VirtualServicePlan.Result result = VirtualServicePlan.plan(new Target(offline), before);

        assertThat(result.repointed()).containsExactly("jason-delay");
        HTTPRoute moved = result.http().get(0);
        assertThat(moved.getMatch()).isEqualTo(users.getMatch());
        assertThat(moved.getFault()).isEqualTo(users.getFault());
        assertThat(moved.getRoute()).singleElement().satisfies(d -> assertThat(d.getDestination().getSubset())
                .isEqualTo("v2"));
        assertThat(result.http().get(1).getName()).isEqualTo("graylane-canary");
        assertThat(result.http()).hasSize(2);
    }

    @Test
    void repointingMergesDestinationsThatNowGoTheSameWay() {
        HTTPRoute split = new HTTPRoute();
        split.setName("users-split");
        split.setRoute(List.of(destination("v1", 60), destination("v2", 40)));

        HTTPRoute moved = VirtualServicePlan.repoint(split, "reviews", "v1", "v2");

        assertThat(moved.getRoute()).singleElement().satisfies(d -> {
            assertThat(d.getDestination().getSubset()).isEqualTo("v2");
            assertThat(d.getWeight()).isNull();
        });
        assertThat(split.getRoute()).hasSize(2);
    }

    private static HTTPRoute faultRoute() {
        HTTPRoute route = new HTTPRoute();
        route.setName("jason-delay");
        route.setMatch(List.of(IstioMatches.of(JASON)));
        HTTPFaultInjection fault = new HTTPFaultInjection();
        HTTPFaultInjectionDelay delay = new HTTPFaultInjectionDelay();
        delay.setAdditionalProperty("fixedDelay", "7s");
        fault.setDelay(delay);
        route.setFault(fault);
        route.setRoute(List.of(destination("v1", null)));
        return route;
    }

    private static HTTPRouteDestination destination(String subset, Integer weight) {
        HTTPRouteDestination destination = new HTTPRouteDestination();
        destination.setDestination(new io.fabric8.istio.api.api.networking.v1alpha3.Destination("reviews", null, subset));
        destination.setWeight(weight);
        return destination;
    }

    private static List<HTTPRoute> plan(DesiredRelease release, List<HTTPRoute> current) {
        return VirtualServicePlan.plan(new Target(release), current).http();
    }

    private static DesiredRelease canary(TrafficPolicy traffic) {
        return release(Strategy.CANARY, traffic, Intent.SPLIT, null);
    }

    private static DesiredRelease release(Strategy strategy, TrafficPolicy traffic, Intent intent, String governor) {
        return new DesiredRelease("demo", "canary", strategy, "reviews", new Baseline("v1"),
                new Candidate("v2", "reviews:2", 1, null), null, traffic, intent, governor, 1);
    }

    private static List<HTTPRoute> unnamed(List<HTTPRoute> http) {
        return http.stream().map(route -> {
            HTTPRoute copy = route.toBuilder().build();
            copy.setName(null);
            return copy;
        }).toList();
    }

    private static List<HTTPRoute> sample(String file) {
        try (InputStream in = VirtualServicePlanTest.class.getResourceAsStream("/istio/" + file)) {
            return new ObjectMapper(new YAMLFactory()).readValue(in, VirtualService.class).getSpec().getHttp();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
