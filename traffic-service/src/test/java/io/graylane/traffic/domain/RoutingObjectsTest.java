package io.graylane.traffic.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.networking.v1.DestinationRuleBuilder;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.istio.api.networking.v1.VirtualServiceBuilder;
import io.graylane.kubetesting.IstioSamples;
import java.util.List;
import org.junit.jupiter.api.Test;

/** VirtualServices and DestinationRules are found by host, as Istio finds them. */
class RoutingObjectsTest {

    @Test
    void findsTheMeshVirtualServiceByAnySpellingOfTheHostWhateverItsName() {
        VirtualService route = named(IstioSamples.jasonV2V3(), "reviews-route", "reviews.demo.svc.cluster.local");
        DestinationRule rule = new DestinationRuleBuilder().withNewMetadata().withName("reviews-subsets").endMetadata()
                .withNewSpec().withHost("reviews.demo").endSpec().build();

        RoutingObjects.Found found = RoutingObjects.find(List.of(route, IstioSamples.bookinfoGateway()), List.of(rule),
                "reviews", "demo");

        RoutingObjects objects = ((RoutingObjects.Unique) found).objects();
        assertThat(objects.mesh()).contains(route);
        assertThat(objects.rule()).contains(rule);
        assertThat(objects.gatewayBound()).as("the gateway's routes go to productpage").isEmpty();
        assertThat(Hosts.names("reviews.other", "reviews", "demo")).isFalse();
    }

    @Test
    void findsTheGatewaysVirtualServiceByItsRoutesDestinations() {
        RoutingObjects.Found found = RoutingObjects.find(List.of(IstioSamples.bookinfoGateway()), List.of(),
                "productpage", "demo");

        assertThat(((RoutingObjects.Unique) found).objects().gatewayBound()).extracting(vs -> vs.getMetadata().getName())
                .containsExactly("bookinfo");
    }

    @Test
    void refusesTwoMeshVirtualServicesForOneHostNamingBoth() {
        RoutingObjects.Found found = RoutingObjects.find(List.of(named(IstioSamples.jasonV2V3(), "reviews", "reviews"),
                named(IstioSamples.jasonV2V3(), "reviews-route", "reviews.demo")), List.of(), "reviews", "demo");

        assertThat(found).isInstanceOfSatisfying(RoutingObjects.Ambiguous.class, ambiguous -> assertThat(
                ambiguous.message()).contains("reviews and reviews-route"));
    }

    private static VirtualService named(VirtualService sample, String name, String host) {
        return new VirtualServiceBuilder(sample).editMetadata().withName(name).endMetadata().editSpec()
                .withHosts(host).endSpec().build();
    }
}
