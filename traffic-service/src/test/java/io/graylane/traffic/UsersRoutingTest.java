package io.graylane.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.graylane.infra.IssuerResource;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRoute;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.istio.api.networking.v1.VirtualServiceBuilder;
import io.graylane.events.EventTypes;
import io.graylane.events.release.Candidate;
import io.graylane.events.release.DesiredRelease;
import io.graylane.events.release.Intent;
import io.graylane.events.release.ReleasePhase;
import io.graylane.infra.KafkaResource;
import io.graylane.kubetesting.IstioSamples;
import io.graylane.kubetesting.IstioSchemas;
import io.graylane.kubetesting.StandInCluster;
import io.graylane.mesh.HttpRouting;
import io.graylane.mesh.MeshRequest;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Releases next to the routing users already have: their routes keep working, their objects are found by host. */
@QuarkusTest
@WithTestResource(IssuerResource.class)
@WithTestResource(StandInCluster.class)
@WithTestResource(KafkaResource.class)
class UsersRoutingTest extends SeededNamespaceTest {

    private static final MeshRequest JASON = MeshRequest.get("/reviews/0", Map.of("end-user", "jason"));
    private static final String V3_IMAGE = "istio/examples-bookinfo-reviews-v3:1.20.3";

    @Test
    void jasonKeepsReachingV2ThroughAReleaseOfV1AndV3AndTheSampleIsWhatRemains() {
        VirtualService sample = IstioSamples.jasonV2V3();
        replaceReviewsRouting(sample.getSpec().getHttp());
        usersDeployment("reviews", "v2", Releases.V2_IMAGE);
        usersDeployment("reviews", "v3", V3_IMAGE);
        DesiredRelease split = releases.publish(Releases.canary(namespace, "v3", "reviews", "v1",
                new Candidate("v3", V3_IMAGE, null, true), null, 80));

        reports.await(EventTypes.TRAFFIC_APPLIED, 1);
        assertThat(goesTo(JASON)).isEqualTo(Map.of("v2", 1.0));
        assertThat(goesTo(ANYONE)).isEqualTo(Map.of("v1", 0.8, "v3", 0.2));
        IstioSchemas.assertValid(virtualService());

        DesiredRelease takenOver = releases.publish(Releases.next(split, Intent.TAKEOVER, "v3"));
        reports.await(EventTypes.TRAFFIC_APPLIED, 2);
        assertThat(goesTo(JASON)).isEqualTo(Map.of("v2", 1.0));
        DesiredRelease offline = releases.publish(Releases.next(takenOver, Intent.OFFLINE, "v3"));
        reports.await(EventTypes.TRAFFIC_APPLIED, 3);
        releases.ended(offline, ReleasePhase.Completed);

        assertThat(virtualService().getSpec().getHttp()).isEqualTo(sample.getSpec().getHttp());
        assertThat(virtualService().getSpec().getHttp()).noneMatch(r -> r.getName() != null
                && r.getName().startsWith("graylane-"));
        assertEveryRoutedSubsetExists();
        assertThat(deployment("reviews-v3")).as("adopted: never deleted").isNotNull();
    }

    @Test
    void changesTheUsersVirtualServiceWhateverItsNameAndMakesNoSecond() {
        VirtualService mine = new VirtualServiceBuilder(virtualService()).editMetadata().withName("reviews-route")
                .withResourceVersion(null).endMetadata().editSpec()
                .withHosts("reviews." + namespace + ".svc.cluster.local").endSpec().build();
        istio.v1().virtualServices().inNamespace(namespace).withName("reviews").delete();
        client.resource(mine).create();

        releases.publish(Releases.canary(namespace, "canary", 70));
        reports.await(EventTypes.TRAFFIC_APPLIED, 1);

        assertThat(istio.v1().virtualServices().inNamespace(namespace).list().getItems())
                .extracting(vs -> vs.getMetadata().getName()).containsExactly("reviews-route");
        assertThat(weights(virtualService("reviews-route"))).containsExactly(Map.of("v1", 70, "v2", 30));
    }

    @Test
    void refusesTwoVirtualServicesForOneHostNamingBothAndGoesOnOnceOneIsGone() {
        client.resource(new VirtualServiceBuilder(virtualService()).editMetadata().withName("reviews-copy")
                .withResourceVersion(null).endMetadata().build()).create();

        releases.publish(Releases.canary(namespace, "canary", 70));

        JsonNode failed = reports.await(EventTypes.TRAFFIC_FAILED, 1);
        assertThat(failed.path("reason").asText()).isEqualTo("AmbiguousRouting");
        assertThat(failed.path("message").asText()).contains("reviews and reviews-copy");
        assertThat(weights(virtualService())).containsExactly(Map.of("v1", 100));

        istio.v1().virtualServices().inNamespace(namespace).withName("reviews-copy").delete();
        reports.await(EventTypes.TRAFFIC_APPLIED, 1);
    }

    @Test
    void aProductpageReleaseSplitsTheTrafficComingThroughTheGateway() {
        usersDeployment("productpage", "v1", "istio/examples-bookinfo-productpage-v1:1.20.3");
        VirtualService gateway = IstioSamples.bookinfoGateway();
        gateway.getMetadata().setNamespace(namespace);
        client.resource(gateway).create();
        DesiredRelease release = releases.publish(Releases.canary(namespace, "pp", "productpage", "v1",
                new Candidate("v2", "example/productpage:2", 1, null), null, 80));

        reports.await(EventTypes.TRAFFIC_APPLIED, 1);
        MeshRequest page = MeshRequest.get("/productpage", Map.of()).through("bookinfo-gateway");
        List<HTTPRoute> bound = virtualService("bookinfo").getSpec().getHttp();
        assertThat(HttpRouting.split(bound.get(HttpRouting.routeOf(bound, page).orElseThrow())).destinations())
                .isEqualTo(Map.of("v1", 0.8, "v2", 0.2));
        assertThat(bound.get(0).getMatch()).as("the gateway's own matches stay").isEqualTo(
                gateway.getSpec().getHttp().get(0).getMatch());
        IstioSchemas.assertValid(virtualService("bookinfo"));

        releases.publish(Releases.next(release, Intent.ROLLBACK, "v1"));
        reports.await(EventTypes.TRAFFIC_APPLIED, 2);
        assertThat(virtualService("bookinfo").getSpec().getHttp()).isEqualTo(gateway.getSpec().getHttp());
    }

    @Test
    void keepsASubsetATcpRouteUsesAndSaysSo() {
        VirtualService tcp = IstioSamples.tcpRoute("reviews-tcp", "v1");
        tcp.getMetadata().setNamespace(namespace);
        client.resource(tcp).create();
        DesiredRelease split = releases.publish(Releases.canary(namespace, "canary", 50));
        reports.await(EventTypes.TRAFFIC_APPLIED, 1);
        DesiredRelease takenOver = releases.publish(Releases.next(split, Intent.TAKEOVER, "v2"));
        reports.await(EventTypes.TRAFFIC_APPLIED, 2);

        releases.publish(Releases.next(takenOver, Intent.OFFLINE, "v2"));
        JsonNode done = reports.await(EventTypes.TRAFFIC_APPLIED, 3);

        assertThat(ReleaseFlowTest.subsets(destinationRule())).contains("v1", "v2");
        assertThat(done.path("notes").toString()).contains("subset v1 kept: tcp route #0 of VirtualService reviews-tcp");
        assertThat(virtualService("reviews-tcp").getSpec().getTcp()).isEqualTo(tcp.getSpec().getTcp());
        assertEveryRoutedSubsetExists();
    }

    /** No route of the namespace refers to a subset its DestinationRule does not have. */
    private void assertEveryRoutedSubsetExists() {
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            Set<String> subsets = new HashSet<>(ReleaseFlowTest.subsets(destinationRule()));
            for (VirtualService vs : istio.v1().virtualServices().inNamespace(namespace).list().getItems()) {
                for (HTTPRoute route : vs.getSpec().getHttp() == null ? List.<HTTPRoute>of() : vs.getSpec().getHttp()) {
                    route.getRoute().stream().filter(d -> d.getDestination().getHost().startsWith("reviews"))
                            .forEach(d -> assertThat(subsets).contains(d.getDestination().getSubset()));
                }
            }
        });
    }

    private void replaceReviewsRouting(List<HTTPRoute> http) {
        istio.v1().virtualServices().inNamespace(namespace).withName("reviews").edit(vs -> {
            vs.getSpec().setHttp(http);
            return vs;
        });
    }
}
