package io.graylane.traffic.domain;

import io.fabric8.istio.api.api.networking.v1alpha3.Destination;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRoute;
import io.fabric8.istio.api.api.networking.v1alpha3.RouteDestination;
import io.fabric8.istio.api.networking.v1.VirtualService;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The routes of a namespace's VirtualServices that send traffic to a subset of a Service: http destinations
 * and mirrors, tcp and tls destinations. A subset one of them refers to must stay, or Istio answers 503
 * (no cluster) on that route.
 */
final class SubsetReferences {

    private SubsetReferences() {
    }

    /** One line per route referring to the subset, e.g. {@code tcp route #0 of VirtualService reviews-tcp}. */
    static List<String> of(List<VirtualService> virtualServices, String service, String namespace, String subset) {
        List<String> found = new ArrayList<>();
        for (VirtualService vs : virtualServices) {
            if (vs.getSpec() == null) {
                continue;
            }
            String where = " of VirtualService " + vs.getMetadata().getName();
            List<HTTPRoute> http = vs.getSpec().getHttp() == null ? List.of() : vs.getSpec().getHttp();
            for (int i = 0; i < http.size(); i++) {
                HTTPRoute route = http.get(i);
                boolean routed = route.getRoute() != null && route.getRoute().stream()
                        .anyMatch(d -> refers(d.getDestination(), service, namespace, subset));
                if (routed || refers(route.getMirror(), service, namespace, subset)) {
                    found.add("http route " + name(route.getName(), i) + where);
                }
            }
            var tcp = vs.getSpec().getTcp() == null ? List.<io.fabric8.istio.api.api.networking.v1alpha3.TCPRoute>of()
                    : vs.getSpec().getTcp();
            for (int i = 0; i < tcp.size(); i++) {
                if (refersAny(tcp.get(i).getRoute(), service, namespace, subset)) {
                    found.add("tcp route " + name(null, i) + where);
                }
            }
            var tls = vs.getSpec().getTls() == null ? List.<io.fabric8.istio.api.api.networking.v1alpha3.TLSRoute>of()
                    : vs.getSpec().getTls();
            for (int i = 0; i < tls.size(); i++) {
                if (refersAny(tls.get(i).getRoute(), service, namespace, subset)) {
                    found.add("tls route " + name(null, i) + where);
                }
            }
        }
        return found;
    }

    private static boolean refersAny(List<RouteDestination> destinations, String service, String namespace,
            String subset) {
        return destinations != null && destinations.stream()
                .anyMatch(d -> refers(d.getDestination(), service, namespace, subset));
    }

    private static boolean refers(Destination destination, String service, String namespace, String subset) {
        return destination != null && Objects.equals(subset, destination.getSubset())
                && Hosts.names(destination.getHost(), service, namespace);
    }

    private static String name(String name, int index) {
        return name != null ? name : "#" + index;
    }
}
