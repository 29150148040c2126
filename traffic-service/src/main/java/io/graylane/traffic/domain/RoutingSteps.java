package io.graylane.traffic.domain;

import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRoute;
import io.fabric8.istio.api.api.networking.v1alpha3.Subset;
import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.networking.v1.DestinationRuleBuilder;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.istio.api.networking.v1.VirtualServiceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.graylane.traffic.kube.Cluster;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The VirtualServices and the DestinationRule of a release's Service: planned, then written where they differ. */
final class RoutingSteps {

    private final Cluster cluster;

    RoutingSteps(Cluster cluster) {
        this.cluster = cluster;
    }

    /** A VirtualService as it is ({@code current}, null when it is to be created) and as planned. */
    record Planned(VirtualService current, VirtualService next, RoutePlan.Result result) {
    }

    /** Every VirtualService the release writes to, planned; or why the routes cannot be planned. */
    record Routing(List<Planned> planned, Optional<String> refusal) {

        /** The namespace's VirtualServices once the planned ones are written. */
        List<VirtualService> namespaceAfter(List<VirtualService> current) {
            Map<String, VirtualService> byName = new java.util.LinkedHashMap<>();
            current.forEach(vs -> byName.put(vs.getMetadata().getName(), vs));
            planned.forEach(p -> byName.put(p.next().getMetadata().getName(), p.next()));
            return List.copyOf(byName.values());
        }

        List<VirtualService> before() {
            return planned.stream().map(Planned::current).filter(Objects::nonNull).toList();
        }

        List<VirtualService> after() {
            return planned.stream().map(Planned::next).toList();
        }
    }

    Routing plan(Target target, RoutingObjects objects, Snapshot snapshot, boolean repointRemoved) {
        List<Planned> planned = new ArrayList<>();
        VirtualService mesh = objects.mesh().orElse(null);
        Planned first = planned(target, RoutePlan.Binding.MESH, mesh == null ? newVirtualService(target, snapshot)
                : mesh, mesh, repointRemoved);
        if (first.result().refusal().isPresent()) {
            return new Routing(List.of(), first.result().refusal());
        }
        planned.add(first);
        for (VirtualService bound : objects.gatewayBound()) {
            planned.add(planned(target, RoutePlan.Binding.GATEWAY, bound, bound, repointRemoved));
        }
        return new Routing(planned, Optional.empty());
    }

    void write(Routing routing, Pass pass) {
        for (Planned planned : routing.planned()) {
            pass.repointed.addAll(planned.result().repointed());
            pass.notes.addAll(planned.result().notes());
            if (planned.current() != null && planned.next().getSpec().equals(planned.current().getSpec())
                    && Objects.equals(annotations(planned.next()), annotations(planned.current()))) {
                pass.touched(planned.current());
                continue;
            }
            List<HTTPRoute> before = planned.current() == null ? List.of() : RoutingObjects.http(planned.current());
            List<String> lines = new ArrayList<>(RouteText.routeChanges(before, planned.next().getSpec().getHttp()));
            pass.wrote(planned.current(), cluster.write(planned.next()), lines);
        }
    }

    /**
     * Adds the subsets of the versions in play and, when closing, removes the removed version's if no route of
     * the namespace refers to it any more.
     *
     * @param virtualServices the namespace's VirtualServices as they are once the planned routes are written
     */
    void subsets(Target target, Optional<DestinationRule> rule, Snapshot snapshot, String versionLabel,
            List<VirtualService> virtualServices, Pass pass) {
        List<Subset> before = rule.map(dr -> dr.getSpec().getSubsets()).orElse(List.of());
        SubsetPlan.Result plan = SubsetPlan.plan(target, versionLabel, before, virtualServices);
        pass.notes.addAll(plan.notes());
        if (rule.isPresent() && Objects.equals(before, plan.subsets())) {
            pass.touched(rule.get());
            return;
        }
        DestinationRule next = rule.map(dr -> new DestinationRuleBuilder(dr).editSpec().withSubsets(plan.subsets())
                .endSpec().build()).orElseGet(() -> new DestinationRuleBuilder()
                .withNewMetadata().withName(freeName(target.service(), snapshot.destinationRules()))
                .withNamespace(target.namespace()).endMetadata()
                .withNewSpec().withHost(target.service()).withSubsets(plan.subsets()).endSpec().build());
        pass.wrote(rule.orElse(null), cluster.write(next), RouteText.subsetChanges(before, plan.subsets()));
    }

    private static Planned planned(Target target, RoutePlan.Binding binding, VirtualService base,
            VirtualService current, boolean repointRemoved) {
        RoutePlan.Result result = RoutePlan.plan(target, binding, RoutingObjects.http(base),
                annotations(base), repointRemoved);
        Map<String, String> annotations = new HashMap<>(annotations(base));
        result.originals().ifPresentOrElse(o -> annotations.put(OriginalRoutes.ANNOTATION, o.json()),
                () -> annotations.remove(OriginalRoutes.ANNOTATION));
        VirtualService next = new VirtualServiceBuilder(base).editMetadata()
                .withAnnotations(annotations.isEmpty() ? null : annotations).endMetadata()
                .editSpec().withHttp(result.http()).endSpec().build();
        return new Planned(current, next, result);
    }

    private static VirtualService newVirtualService(Target target, Snapshot snapshot) {
        return new VirtualServiceBuilder().withNewMetadata()
                .withName(freeName(target.service(), snapshot.virtualServices()))
                .withNamespace(target.namespace()).endMetadata()
                .withNewSpec().withHosts(target.service()).endSpec().build();
    }

    /** The Service's name, or {@code graylane-<service>} when an object of another host already has it. */
    private static String freeName(String service, List<? extends HasMetadata> existing) {
        return existing.stream().anyMatch(o -> o.getMetadata().getName().equals(service)) ? "graylane-" + service
                : service;
    }

    private static Map<String, String> annotations(HasMetadata object) {
        return object.getMetadata().getAnnotations() == null ? Map.of() : object.getMetadata().getAnnotations();
    }
}
