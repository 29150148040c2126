package io.graylane.traffic.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.graylane.traffic.domain.ReleaseController;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.function.Function;

/**
 * Wakes the release of a service when something of it changes in the cluster: an edit of an owned route or
 * subset is drift, put back by the next pass; a candidate becoming ready lets traffic flow to it; a baseline
 * appearing lets a failed release go on.
 */
@ApplicationScoped
public class ClusterWatch {

    private final ClusterCache cache;
    private final ReleaseController controller;

    ClusterWatch(ClusterCache cache, ReleaseController controller) {
        this.cache = cache;
        this.controller = controller;
    }

    void start(@Observes StartupEvent startup) {
        cache.onVirtualServices(wake(vs -> vs.getMetadata().getName()));
        cache.onDestinationRules(wake(dr -> dr.getMetadata().getName()));
        cache.onDeployments(wake(d -> d.getMetadata().getLabels().get("app")));
    }

    /** Wakes the release of the service an object belongs to. */
    private <T extends HasMetadata> ResourceEventHandler<T> wake(Function<T, String> service) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T object) {
                touched(object);
            }

            @Override
            public void onUpdate(T before, T after) {
                touched(after);
            }

            @Override
            public void onDelete(T object, boolean finalStateUnknown) {
                touched(object);
            }

            private void touched(T object) {
                String name = service.apply(object);
                if (name != null) {
                    controller.touched(object.getMetadata().getNamespace(), name);
                }
            }
        };
    }
}
