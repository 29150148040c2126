package io.graylane.traffic.kube;

import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.istio.client.IstioClient;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.function.Supplier;

/**
 * Reads and writes the objects traffic-service manages; every API error becomes a {@link KubeFailure} that
 * names the request as RBAC would. Reads come from the API server; {@link #cached()} reads the same from the
 * watches' cache instead.
 */
@ApplicationScoped
public class Cluster implements Reads {

    private final KubernetesClient client;
    private final IstioClient istio;
    private final ClusterCache cache;

    Cluster(KubernetesClient client, ClusterCache cache) {
        this.client = client;
        this.istio = client.adapt(IstioClient.class);
        this.cache = cache;
    }

    /** The same reads, from the watches' cache: no request, possibly a moment behind. */
    public Reads cached() {
        return cache;
    }

    public void awaitSynced() {
        cache.awaitSynced();
    }

    @Override
    public List<Deployment> deployments(String namespace) {
        return call("list deployments.apps in namespace " + namespace,
                () -> client.apps().deployments().inNamespace(namespace).list().getItems());
    }

    @Override
    public List<VirtualService> virtualServices(String namespace) {
        return call("list virtualservices.networking.istio.io in namespace " + namespace,
                () -> istio.v1().virtualServices().inNamespace(namespace).list().getItems());
    }

    @Override
    public List<DestinationRule> destinationRules(String namespace) {
        return call("list destinationrules.networking.istio.io in namespace " + namespace,
                () -> istio.v1().destinationRules().inNamespace(namespace).list().getItems());
    }

    @Override
    public List<HorizontalPodAutoscaler> autoscalers(String namespace) {
        return call("list horizontalpodautoscalers.autoscaling in namespace " + namespace,
                () -> client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(namespace).list().getItems());
    }

    /** Creates the object, or replaces it if it carries the resourceVersion it was read at (409 otherwise). */
    public <T extends HasMetadata> T write(T object) {
        boolean create = object.getMetadata().getResourceVersion() == null;
        return call(action(create ? "create" : "update", object),
                () -> create ? client.resource(object).create() : client.resource(object).update());
    }

    public void delete(HasMetadata object) {
        call(action("delete", object), () -> client.resource(object).delete());
    }

    private static String action(String verb, HasMetadata object) {
        String group = HasMetadata.getGroup(object.getClass());
        return verb + " " + HasMetadata.getPlural(object.getClass()) + (group == null || group.isEmpty() ? "" : "."
                + group) + " " + object.getMetadata().getName() + " in namespace " + object.getMetadata().getNamespace();
    }

    private static <T> T call(String action, Supplier<T> request) {
        try {
            return request.get();
        } catch (KubernetesClientException e) {
            throw KubeFailure.of(e, action);
        }
    }
}
