package io.graylane.traffic.kube;

import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRoute;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.graylane.traffic.config.TrafficServiceConfig;
import io.graylane.traffic.domain.Hosts;
import io.graylane.traffic.domain.ReleaseController;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Wakes the release of each Service an object belongs to when it changes: a VirtualService by its hosts and the
 * destinations of its routes, a DestinationRule by its host, a Deployment by its application label, an
 * autoscaler by the Deployment it scales. An edit of what a release owns is drift, put back by the next pass;
 * a version becoming ready lets traffic flow to it; a baseline appearing lets a failed release go on.
 */
@ApplicationScoped
public class ClusterWatch {

    private final ClusterCache cache;
    private final ReleaseController controller;
    private final List<String> appLabels;

    ClusterWatch(ClusterCache cache, ReleaseController controller, TrafficServiceConfig config) {
        this.cache = cache;
        this.controller = controller;
        this.appLabels = config.versions().appLabels();
    }

    void start(@Observes StartupEvent startup) {
        cache.onVirtualServices(wake(ClusterWatch::servicesOf));
        cache.onDestinationRules(wake(dr -> service(dr.getSpec().getHost(), dr.getMetadata().getNamespace())));
        cache.onDeployments(wake(this::applicationsOf));
        cache.onAutoscalers(wake(h -> h.getSpec() == null || h.getSpec().getScaleTargetRef() == null ? Set.of()
                : cache.deployment(h.getMetadata().getNamespace(), h.getSpec().getScaleTargetRef().getName())
                        .map(this::applicationsOf).orElse(Set.of())));
    }

    private Set<String> applicationsOf(HasMetadata deployment) {
        Set<String> applications = new HashSet<>();
        appLabels.forEach(key -> {
            String value = labels(deployment).get(key);
            if (value != null) {
                applications.add(value);
            }
        });
        return applications;
    }

    private static Set<String> servicesOf(VirtualService vs) {
        String namespace = vs.getMetadata().getNamespace();
        Set<String> services = new HashSet<>();
        if (vs.getSpec() == null) {
            return services;
        }
        if (vs.getSpec().getHosts() != null) {
            vs.getSpec().getHosts().forEach(host -> services.addAll(service(host, namespace)));
        }
        for (HTTPRoute route : vs.getSpec().getHttp() == null ? List.<HTTPRoute>of() : vs.getSpec().getHttp()) {
            if (route.getRoute() != null) {
                route.getRoute().forEach(d -> {
                    if (d.getDestination() != null) {
                        services.addAll(service(d.getDestination().getHost(), namespace));
                    }
                });
            }
        }
        return services;
    }

    private static Set<String> service(String host, String namespace) {
        String service = Hosts.serviceOf(host, namespace);
        return service == null ? Set.of() : Set.of(service);
    }

    private static Map<String, String> labels(HasMetadata object) {
        return object.getMetadata().getLabels() == null ? Map.of() : object.getMetadata().getLabels();
    }

    /** Wakes the releases of the services an object belongs to, before and after a change. */
    private <T extends HasMetadata> ResourceEventHandler<T> wake(Function<T, Set<String>> services) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T object) {
                touched(object);
            }

            @Override
            public void onUpdate(T before, T after) {
                touched(before);
                touched(after);
            }

            @Override
            public void onDelete(T object, boolean finalStateUnknown) {
                touched(object);
            }

            private void touched(T object) {
                services.apply(object).forEach(service -> controller.touched(object.getMetadata().getNamespace(),
                        service));
            }
        };
    }
}
