package io.graylane.bookinfo.traffic;

import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRoute;
import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.istio.client.IstioClient;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.graylane.bookinfo.deploy.BookinfoSample;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the routing of Bookinfo's services in a namespace from the cluster: three list requests. A service's
 * VirtualServices are found by host, as Istio finds them: its mesh one (no gateways, or {@code mesh}) for
 * calls between sidecars, and one bound to a gateway whose routes send to it for calls from the gateway.
 */
@ApplicationScoped
public class MeshRouting {

    private final KubernetesClient client;
    private final IstioClient istio;

    MeshRouting(KubernetesClient client) {
        this.client = client;
        this.istio = client.adapt(IstioClient.class);
    }

    public Map<String, ServiceRouting> read(String namespace) {
        List<VirtualService> virtualServices = istio.v1().virtualServices().inNamespace(namespace).list().getItems()
                .stream().sorted(Comparator.comparing((VirtualService vs) -> String.valueOf(
                        vs.getMetadata().getCreationTimestamp())).thenComparing(vs -> vs.getMetadata().getName()))
                .toList();
        List<DestinationRule> rules = istio.v1().destinationRules().inNamespace(namespace).list().getItems();
        List<Deployment> deployments = client.apps().deployments().inNamespace(namespace).list().getItems();
        Map<String, ServiceRouting> routing = new HashMap<>();
        for (String service : BookinfoSample.SERVICES) {
            VirtualService virtualService = virtualServices.stream()
                    .filter(vs -> forMesh(vs) && vs.getSpec().getHosts() != null
                            && vs.getSpec().getHosts().stream().anyMatch(h -> names(h, service, namespace)))
                    .findFirst().orElse(null);
            Map<String, Map<String, String>> subsets = new HashMap<>();
            rules.stream().filter(rule -> names(rule.getSpec().getHost(), service, namespace))
                    .findFirst().ifPresent(rule -> rule.getSpec().getSubsets().forEach(subset ->
                            subsets.put(subset.getName(), subset.getLabels() == null ? Map.of() : subset.getLabels())));
            Map<String, Integer> ready = new TreeMap<>();
            deployments.stream().filter(d -> service.equals(label(d, "app"))).forEach(d -> ready.merge(
                    String.valueOf(label(d, "version")), d.getStatus() == null || d.getStatus().getReadyReplicas()
                            == null ? 0 : d.getStatus().getReadyReplicas(), Integer::sum));
            VirtualService bound = virtualServices.stream().filter(vs -> !forMesh(vs) && sendsTo(vs, service, namespace))
                    .findFirst().orElse(null);
            routing.put(service, new ServiceRouting(service, virtualService == null ? null : http(virtualService),
                    subsets, ready, bound == null ? null : bound.getSpec().getGateways().get(0),
                    bound == null ? null : http(bound)));
        }
        return routing;
    }

    private static List<HTTPRoute> http(VirtualService virtualService) {
        return virtualService.getSpec().getHttp() == null ? List.of() : virtualService.getSpec().getHttp();
    }

    /** Whether a route of the VirtualService sends requests to the service. */
    private static boolean sendsTo(VirtualService virtualService, String service, String namespace) {
        return http(virtualService).stream().filter(route -> route.getRoute() != null)
                .flatMap(route -> route.getRoute().stream())
                .anyMatch(d -> d.getDestination() != null && names(d.getDestination().getHost(), service, namespace));
    }

    private static boolean forMesh(VirtualService virtualService) {
        List<String> gateways = virtualService.getSpec().getGateways();
        return gateways == null || gateways.isEmpty() || gateways.contains("mesh");
    }

    /** {@code reviews}, {@code reviews.ns} and {@code reviews.ns.svc.cluster.local} all name the Service. */
    private static boolean names(String host, String service, String namespace) {
        return host != null && (host.equals(service) || host.equals(service + "." + namespace)
                || host.startsWith(service + "." + namespace + ".svc"));
    }

    private static String label(HasMetadata object, String name) {
        return object.getMetadata().getLabels() == null ? null : object.getMetadata().getLabels().get(name);
    }
}
