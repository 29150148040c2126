package io.graylane.traffic.kube;

import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.istio.client.IstioClient;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Comparator;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Reads and writes the objects traffic-service manages; every API error becomes a {@link KubeFailure}.
 * Reads come from the API server; {@link #cached()} reads the same from the watches' cache instead.
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
    public Optional<Deployment> baseline(String namespace, String service, String version) {
        return call("list Deployments app=" + service + ",version=" + version, () -> client.apps().deployments()
                .inNamespace(namespace).withLabel("app", service).withLabel("version", version).list().getItems()
                .stream().min(Comparator.comparing(d -> d.getMetadata().getName())));
    }

    @Override
    public Optional<Deployment> deployment(String namespace, String name) {
        return Optional.ofNullable(call("get Deployment " + name,
                () -> client.apps().deployments().inNamespace(namespace).withName(name).get()));
    }

    @Override
    public Optional<VirtualService> virtualService(String namespace, String name) {
        return Optional.ofNullable(call("get VirtualService " + name,
                () -> istio.v1().virtualServices().inNamespace(namespace).withName(name).get()));
    }

    @Override
    public Optional<DestinationRule> destinationRule(String namespace, String name) {
        return Optional.ofNullable(call("get DestinationRule " + name,
                () -> istio.v1().destinationRules().inNamespace(namespace).withName(name).get()));
    }

    /** Creates the object, or replaces it if it carries the resourceVersion it was read at (409 otherwise). */
    public <T extends HasMetadata> T write(T object) {
        String action = (object.getMetadata().getResourceVersion() == null ? "create " : "update ")
                + object.getKind() + " " + object.getMetadata().getName();
        return call(action, () -> object.getMetadata().getResourceVersion() == null
                ? client.resource(object).create()
                : client.resource(object).update());
    }

    public void delete(HasMetadata object) {
        call("delete " + object.getKind() + " " + object.getMetadata().getName(),
                () -> client.resource(object).delete());
    }

    private static <T> T call(String action, Supplier<T> request) {
        try {
            return request.get();
        } catch (KubernetesClientException e) {
            throw KubeFailure.of(e, action);
        }
    }
}
