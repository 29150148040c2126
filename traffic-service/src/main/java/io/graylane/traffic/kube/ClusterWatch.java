package io.graylane.traffic.kube;

import io.fabric8.istio.client.IstioClient;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.graylane.traffic.domain.CandidateWorkload;
import io.graylane.traffic.domain.ReleaseController;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Watches what traffic-service manages: VirtualServices and DestinationRules (an edit of an owned route or
 * subset is drift, put back by the next pass) and the candidates' Deployments (one becoming ready lets
 * traffic flow to it). Each change wakes the release of the service concerned.
 */
@ApplicationScoped
public class ClusterWatch {

    private static final long RESYNC_MILLIS = 0;

    private final KubernetesClient client;
    private final ReleaseController controller;
    private final List<SharedIndexInformer<?>> informers = new ArrayList<>();

    ClusterWatch(KubernetesClient client, ReleaseController controller) {
        this.client = client;
        this.controller = controller;
    }

    void start(@Observes StartupEvent startup) {
        IstioClient istio = client.adapt(IstioClient.class);
        informers.add(istio.v1().virtualServices().inAnyNamespace()
                .inform(wake(vs -> vs.getMetadata().getName()), RESYNC_MILLIS));
        informers.add(istio.v1().destinationRules().inAnyNamespace()
                .inform(wake(dr -> dr.getMetadata().getName()), RESYNC_MILLIS));
        informers.add(client.apps().deployments().inAnyNamespace()
                .withLabel(CandidateWorkload.MANAGED_BY, CandidateWorkload.GRAYLANE)
                .inform(wake(d -> d.getMetadata().getLabels().get("app")), RESYNC_MILLIS));
    }

    void stop(@Observes ShutdownEvent shutdown) {
        informers.forEach(SharedIndexInformer::close);
    }

    /** Wakes the release of the service an object belongs to; objects are named after their service. */
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
