package io.graylane.traffic.domain;

import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRoute;
import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.networking.v1.VirtualService;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The Istio objects that route a Service, found by host as Istio finds them rather than by name: the
 * VirtualService whose {@code hosts} name the Service for sidecars (no {@code gateways}, or {@code mesh}),
 * the VirtualServices bound to a gateway with routes to the Service, and the DestinationRule whose
 * {@code host} names it. Two for the same host and gateway are refused: Istio would use one of them.
 */
public record RoutingObjects(Optional<VirtualService> mesh, List<VirtualService> gatewayBound,
        Optional<DestinationRule> rule) {

    static final String MESH = "mesh";

    /** What was found, or why it is ambiguous. */
    public sealed interface Found {
    }

    /** The objects to work with. */
    public record Unique(RoutingObjects objects) implements Found {
    }

    /** Several objects where Istio takes one. */
    public record Ambiguous(String message) implements Found {
    }

    public static Found find(List<VirtualService> virtualServices, List<DestinationRule> rules, String service,
            String namespace) {
        List<VirtualService> mesh = virtualServices.stream().filter(vs -> forMesh(vs)
                && hosts(vs).stream().anyMatch(host -> Hosts.names(host, service, namespace))).toList();
        if (mesh.size() > 1) {
            return new Ambiguous("VirtualServices " + names(mesh) + " all route host " + service
                    + " for the mesh; Istio uses only one of them: merge them into one");
        }
        List<VirtualService> bound = virtualServices.stream().filter(vs -> !forMesh(vs)
                && sendsTo(vs, service, namespace)).toList();
        Optional<String> clash = clash(bound);
        if (clash.isPresent()) {
            return new Ambiguous(clash.get());
        }
        List<DestinationRule> matching = rules.stream().filter(rule -> Hosts.names(rule.getSpec().getHost(), service,
                namespace)).toList();
        if (matching.size() > 1) {
            return new Ambiguous("DestinationRules " + String.join(", ", matching.stream()
                    .map(r -> r.getMetadata().getName()).sorted().toList()) + " all name host " + service
                    + "; keep one for Graylane to add its subsets to");
        }
        return new Unique(new RoutingObjects(mesh.stream().findFirst(), bound, matching.stream().findFirst()));
    }

    /** Whether sidecars use the VirtualService: no gateways, or the reserved gateway {@code mesh}. */
    public static boolean forMesh(VirtualService virtualService) {
        List<String> gateways = virtualService.getSpec().getGateways();
        return gateways == null || gateways.isEmpty() || gateways.contains(MESH);
    }

    /** Whether an http route of the VirtualService sends requests to the Service. */
    public static boolean sendsTo(VirtualService virtualService, String service, String namespace) {
        return http(virtualService).stream().anyMatch(route -> RoutePlan.sendsOnlyTo(route, service, namespace));
    }

    static List<HTTPRoute> http(VirtualService virtualService) {
        return virtualService.getSpec() == null || virtualService.getSpec().getHttp() == null ? List.of()
                : virtualService.getSpec().getHttp();
    }

    private static List<String> hosts(VirtualService virtualService) {
        return virtualService.getSpec() == null || virtualService.getSpec().getHosts() == null ? List.of()
                : virtualService.getSpec().getHosts();
    }

    /** Two gateway-bound VirtualServices with a host and a gateway in common: Istio merges them in no set order. */
    private static Optional<String> clash(List<VirtualService> bound) {
        for (int i = 0; i < bound.size(); i++) {
            for (int j = i + 1; j < bound.size(); j++) {
                Set<String> gateways = new HashSet<>(bound.get(i).getSpec().getGateways());
                gateways.retainAll(bound.get(j).getSpec().getGateways());
                Set<String> hosts = new HashSet<>(hosts(bound.get(i)));
                hosts.retainAll(hosts(bound.get(j)));
                if (!gateways.isEmpty() && !hosts.isEmpty()) {
                    return Optional.of("VirtualServices " + names(List.of(bound.get(i), bound.get(j)))
                            + " both route host " + hosts.iterator().next() + " through gateway "
                            + gateways.iterator().next() + "; Istio merges them in no set order: merge them into one");
                }
            }
        }
        return Optional.empty();
    }

    private static String names(List<VirtualService> virtualServices) {
        List<String> names = new ArrayList<>();
        virtualServices.forEach(vs -> names.add(vs.getMetadata().getName()));
        names.sort(null);
        return String.join(" and ", names);
    }
}
