package io.graylane.traffic.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRoute;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.graylane.events.release.Baseline;
import io.graylane.events.release.Candidate;
import io.graylane.events.release.CookieMatch;
import io.graylane.events.release.DesiredRelease;
import io.graylane.events.release.HttpMatch;
import io.graylane.events.release.Intent;
import io.graylane.events.release.Strategy;
import io.graylane.events.release.TrafficPolicy;
import io.graylane.kubetesting.IstioSamples;
import io.graylane.mesh.HttpRouting;
import io.graylane.mesh.MeshRequest;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every plan is checked by where requests go under Istio's first-match semantics ({@link HttpRouting}), not
 * only by its shape.
 */
class RoutePlanTest {

    private static final MeshRequest JASON = MeshRequest.get("/reviews/0", Map.of("end-user", "jason"));
    private static final MeshRequest ANYONE = MeshRequest.get("/reviews/0", Map.of("end-user", "kim"));
    private static final MeshRequest BETA = MeshRequest.get("/reviews/0", Map.of("cookie", "beta=yes"));

    @Test
    void duringAReleaseOfV1AndV3JasonStillReachesV2AndEveryoneElseSplits() {
        List<HTTPRoute> jason = IstioSamples.jasonV2V3().getSpec().getHttp();
        DesiredRelease split = release("v1", "v3", weights("v1", 80, "v3", 20), Intent.SPLIT, null);

        RoutePlan.Result during = RoutePlan.plan(new Target(split), RoutePlan.Binding.MESH, jason, Map.of(), true);

        assertThat(goesTo(during.http(), JASON)).isEqualTo(Map.of("v2", 1.0));
        assertThat(goesTo(during.http(), ANYONE)).isEqualTo(Map.of("v1", 0.8, "v3", 0.2));
        assertThat(during.http()).hasSize(2).noneMatch(r -> r.getName() != null);
        assertThat(during.originals()).get().satisfies(o -> assertThat(o.routes()).containsOnlyKeys("#1"));
        assertThat(RoutePlan.plan(new Target(split), RoutePlan.Binding.MESH, during.http(), annotations(during), true)
                .http()).as("planning what was planned changes nothing").isEqualTo(during.http());
    }

    @Test
    void offlineLeavesOneRoutePerUserRouteAndNothingOfGraylanes() {
        List<HTTPRoute> jason = IstioSamples.jasonV2V3().getSpec().getHttp();
        DesiredRelease split = release("v1", "v3", weights("v1", 80, "v3", 20), Intent.SPLIT, null);
        RoutePlan.Result during = RoutePlan.plan(new Target(split), RoutePlan.Binding.MESH, jason, Map.of(), true);
        RoutePlan.Result takenOver = RoutePlan.plan(new Target(next(split, Intent.TAKEOVER, "v3")),
                RoutePlan.Binding.MESH, during.http(), annotations(during), true);
        assertThat(goesTo(takenOver.http(), ANYONE)).isEqualTo(Map.of("v3", 1.0));

        RoutePlan.Result offline = RoutePlan.plan(new Target(next(split, Intent.OFFLINE, "v3")), RoutePlan.Binding.MESH,
                takenOver.http(), annotations(takenOver), true);

        assertThat(offline.http()).isEqualTo(jason);
        assertThat(offline.originals()).isEmpty();
        assertThat(goesTo(offline.http(), JASON)).isEqualTo(Map.of("v2", 1.0));
        assertThat(goesTo(offline.http(), ANYONE)).isEqualTo(Map.of("v3", 1.0));
    }

    @Test
    void rollbackPutsTheCatchAllBackAsItWasAndOfflineMovesTheRemovedVersionsRoutes() {
        List<HTTPRoute> tutorial = routes("- route: [{destination: {host: reviews, subset: v1}}]");
        DesiredRelease split = release("v1", "v2", weights("v1", 70, "v2", 30), Intent.SPLIT, null);
        RoutePlan.Result during = RoutePlan.plan(new Target(split), RoutePlan.Binding.MESH, tutorial, Map.of(), true);
        assertThat(goesTo(during.http(), ANYONE)).isEqualTo(Map.of("v1", 0.7, "v2", 0.3));

        RoutePlan.Result rolledBack = RoutePlan.plan(new Target(next(split, Intent.ROLLBACK, "v1")),
                RoutePlan.Binding.MESH, during.http(), annotations(during), true);
        assertThat(rolledBack.http()).isEqualTo(tutorial);

        RoutePlan.Result offline = RoutePlan.plan(new Target(next(split, Intent.OFFLINE, "v2")),
                RoutePlan.Binding.MESH, during.http(), annotations(during), true);
        assertThat(offline.http()).isEqualTo(routes("- route: [{destination: {host: reviews, subset: v2}}]"));
        assertThat(offline.repointed()).containsExactly("unnamed #0");
    }

    @Test
    void withoutACatchAllTheReleaseAddsItsOwnLastAndKeepsItToTheVersionKept() {
        List<HTTPRoute> onlyJason = List.of(IstioSamples.jasonV2V3().getSpec().getHttp().get(0));
        DesiredRelease split = release("v1", "v3", weights("v1", 50, "v3", 50), Intent.SPLIT, null);

        RoutePlan.Result during = RoutePlan.plan(new Target(split), RoutePlan.Binding.MESH, onlyJason, Map.of(), true);
        assertThat(during.http()).extracting(HTTPRoute::getName).containsExactly(null, "graylane-canary");
        assertThat(goesTo(during.http(), JASON)).isEqualTo(Map.of("v2", 1.0));
        assertThat(goesTo(during.http(), ANYONE)).isEqualTo(Map.of("v1", 0.5, "v3", 0.5));
        assertThat(during.originals()).isEmpty();

        RoutePlan.Result offline = RoutePlan.plan(new Target(next(split, Intent.OFFLINE, "v3")), RoutePlan.Binding.MESH,
                during.http(), Map.of(), true);
        assertThat(offline.http()).extracting(HTTPRoute::getName).containsExactly(null, "graylane-canary");
        assertThat(goesTo(offline.http(), ANYONE)).isEqualTo(Map.of("v3", 1.0));
    }

    @Test
    void contentMatchesComeFirstAndTheUsersMatchRoutesKeepTheirPlace() {
        List<HTTPRoute> jason = IstioSamples.jasonV2V3().getSpec().getHttp();
        HttpMatch beta = new HttpMatch(null, null, null, null, new CookieMatch("beta", "yes"), null);
        DesiredRelease split = release("v1", "v3", new TrafficPolicy(Map.of("v1", 90, "v3", 10), List.of(beta), null,
                null), Intent.SPLIT, null);

        List<HTTPRoute> http = RoutePlan.plan(new Target(split), RoutePlan.Binding.MESH, jason, Map.of(), true).http();

        assertThat(http).extracting(HTTPRoute::getName).containsExactly("graylane-canary-match", null, null);
        assertThat(goesTo(http, BETA)).isEqualTo(Map.of("v3", 1.0));
        assertThat(goesTo(http, JASON)).isEqualTo(Map.of("v2", 1.0));
        assertThat(goesTo(http, ANYONE)).isEqualTo(Map.of("v1", 0.9, "v3", 0.1));
    }

    @Test
    void blueGreenAndMirrorGoIntoTheCatchAll() {
        List<HTTPRoute> tutorial = routes("- route: [{destination: {host: reviews.demo.svc.cluster.local, subset: v1}}]");
        List<HTTPRoute> green = RoutePlan.plan(new Target(release("v1", "v2", new TrafficPolicy(null, null, "v2", null),
                Intent.SPLIT, null, Strategy.BLUE_GREEN)), RoutePlan.Binding.MESH, tutorial, Map.of(), true).http();
        assertThat(goesTo(green, ANYONE)).isEqualTo(Map.of("v2", 1.0));
        assertThat(green.get(0).getRoute().get(0).getDestination().getHost())
                .as("the host as the user wrote it").isEqualTo("reviews.demo.svc.cluster.local");

        HTTPRoute mirrored = RoutePlan.plan(new Target(release("v1", "v2", new TrafficPolicy(null, null, null,
                new BigDecimal("25")), Intent.SPLIT, null, Strategy.MIRROR)), RoutePlan.Binding.MESH, tutorial,
                Map.of(), true).http().get(0);
        HttpRouting.Split split = HttpRouting.split(mirrored);
        assertThat(split.destinations()).isEqualTo(Map.of("v1", 1.0));
        assertThat(split.mirror()).isEqualTo("v2");
        assertThat(split.mirrorShare()).isEqualTo(0.25);
    }

    @Test
    void refusesACatchAllThatDoesNotSendToTheService() {
        List<HTTPRoute> redirect = routes("- redirect: {uri: /maintenance}");

        RoutePlan.Result result = RoutePlan.plan(new Target(release("v1", "v2", weights("v1", 50, "v2", 50),
                Intent.SPLIT, null)), RoutePlan.Binding.MESH, redirect, Map.of(), true);

        assertThat(result.refusal()).get().asString().contains("takes every request");
    }

    @Test
    void splitsTheGatewaysRoutesToTheServiceAndMergesTheContentMatchesWithTheirs() {
        VirtualService gateway = IstioSamples.bookinfoGateway();
        HttpMatch jason = new HttpMatch(Map.of("end-user", new io.graylane.events.release.StringMatch("jason", null,
                null)), null, null, null, null, null);
        DesiredRelease split = new DesiredRelease("demo", "pp", Strategy.CANARY, "productpage", new Baseline("v1"),
                new Candidate("v2", "istio/examples-bookinfo-productpage-v1:1.20.3", 1, null), null,
                new TrafficPolicy(Map.of("v1", 80, "v2", 20), List.of(jason), null, null), Intent.SPLIT, null, 1, null);

        List<HTTPRoute> http = RoutePlan.plan(new Target(split), RoutePlan.Binding.GATEWAY, gateway.getSpec().getHttp(),
                Map.of(), true).http();

        MeshRequest page = MeshRequest.get("/productpage", Map.of()).through("bookinfo-gateway");
        assertThat(goesTo(http, page)).isEqualTo(Map.of("v1", 0.8, "v2", 0.2));
        assertThat(goesTo(http, MeshRequest.get("/login", Map.of("end-user", "jason")).through("bookinfo-gateway")))
                .isEqualTo(Map.of("v2", 1.0));
        assertThat(HttpRouting.routeOf(http, MeshRequest.get("/other", Map.of()).through("bookinfo-gateway")))
                .as("what did not reach productpage before does not now").isEmpty();
        assertThat(http.get(1).getRoute().get(0).getDestination().getPort().getNumber()).isEqualTo(9080);
    }

    private static Map<String, Double> goesTo(List<HTTPRoute> http, MeshRequest request) {
        return HttpRouting.split(http.get(HttpRouting.routeOf(http, request).orElseThrow())).destinations();
    }

    private static Map<String, String> annotations(RoutePlan.Result result) {
        Map<String, String> annotations = new HashMap<>();
        result.originals().ifPresent(o -> annotations.put(OriginalRoutes.ANNOTATION, o.json()));
        return annotations;
    }

    static TrafficPolicy weights(String a, int wa, String b, int wb) {
        return new TrafficPolicy(Map.of(a, wa, b, wb), null, null, null);
    }

    static DesiredRelease release(String baseline, String candidate, TrafficPolicy traffic, Intent intent,
            String governor) {
        return release(baseline, candidate, traffic, intent, governor, Strategy.CANARY);
    }

    static DesiredRelease release(String baseline, String candidate, TrafficPolicy traffic, Intent intent,
            String governor, Strategy strategy) {
        return new DesiredRelease("demo", "canary", strategy, "reviews", new Baseline(baseline),
                new Candidate(candidate, "istio/examples-bookinfo-reviews-" + candidate + ":1.20.3", 1, null), null,
                traffic, intent, governor, 1, null);
    }

    static DesiredRelease next(DesiredRelease release, Intent intent, String governor) {
        return new DesiredRelease(release.namespace(), release.name(), release.strategy(), release.service(),
                release.baseline(), release.candidate(), release.removeBaseline(), release.traffic(), intent, governor,
                release.generation() + 1, null);
    }

    private static List<HTTPRoute> routes(String yaml) {
        return new KubernetesSerialization().unmarshal("apiVersion: networking.istio.io/v1\nkind: VirtualService\n"
                + "metadata: {name: reviews}\nspec:\n  hosts: [reviews]\n  http:\n" + yaml.indent(2),
                VirtualService.class).getSpec().getHttp();
    }
}
