package io.graylane.traffic.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.istio.api.api.networking.v1alpha3.Subset;
import io.graylane.events.release.Intent;
import io.graylane.kubetesting.IstioSamples;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubsetPlanTest {

    private static final List<Subset> ALL = List.of(SubsetPlan.of("v1", "version"), SubsetPlan.of("v2", "version"),
            SubsetPlan.of("v3", "version"));

    @Test
    void addsTheCandidatesSubsetSelectingByTheBaselinesVersionLabel() {
        Target split = new Target(RoutePlanTest.release("v1", "v4", RoutePlanTest.weights("v1", 90, "v4", 10),
                Intent.SPLIT, null));

        List<Subset> subsets = SubsetPlan.plan(split, "app.kubernetes.io/version", ALL, List.of()).subsets();

        assertThat(subsets).extracting(Subset::getName).containsExactly("v1", "v2", "v3", "v4");
        assertThat(subsets.get(3).getLabels()).containsEntry("app.kubernetes.io/version", "v4");
    }

    @Test
    void removesTheRemovedVersionsSubsetOnlyWhenNoRouteOfTheNamespaceRefersToIt() {
        Target offline = new Target(RoutePlanTest.next(RoutePlanTest.release("v1", "v2", RoutePlanTest.weights("v1",
                50, "v2", 50), Intent.SPLIT, null), Intent.OFFLINE, "v2"));

        assertThat(SubsetPlan.plan(offline, "version", ALL, List.of()).subsets()).extracting(Subset::getName)
                .containsExactly("v2", "v3");

        SubsetPlan.Result kept = SubsetPlan.plan(offline, "version", ALL, List.of(IstioSamples.tcpRoute("reviews-tcp",
                "v1")));
        assertThat(kept.subsets()).extracting(Subset::getName).containsExactly("v1", "v2", "v3");
        assertThat(kept.notes()).singleElement().asString().contains("tcp route #0 of VirtualService reviews-tcp");
    }
}
