package io.graylane.traffic.kube;

import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.istio.client.IstioClient;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Watches, as a Kubernetes controller does, what traffic-service reads on every pass: VirtualServices,
 * DestinationRules and the Deployments labelled with {@code app} and {@code version}. Passes read from here
 * and touch the API server only to write; a pass that wrote on a stale read gets a conflict and re-reads
 * from the API server.
 */
@ApplicationScoped
public class ClusterCache implements Reads {

    private static final String BY_APP_VERSION = "app-version";

    private final KubernetesClient client;
    private SharedIndexInformer<VirtualService> virtualServices;
    private SharedIndexInformer<DestinationRule> destinationRules;
    private SharedIndexInformer<Deployment> deployments;

    ClusterCache(KubernetesClient client) {
        this.client = client;
    }

    @PostConstruct
    void start() {
        IstioClient istio = client.adapt(IstioClient.class);
        virtualServices = istio.v1().virtualServices().inAnyNamespace().inform();
        destinationRules = istio.v1().destinationRules().inAnyNamespace().inform();
        deployments = client.apps().deployments().inAnyNamespace().withLabel("app").withLabel("version")
                .runnableInformer(0);
        deployments.addIndexers(Map.of(BY_APP_VERSION, d -> List.of(appVersion(d.getMetadata().getNamespace(),
                d.getMetadata().getLabels().get("app"), d.getMetadata().getLabels().get("version")))));
        deployments.start();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        List.of(virtualServices, destinationRules, deployments).forEach(SharedIndexInformer::close);
    }

    /** Blocks until every watch has listed what exists; before that the cache would claim things are missing. */
    public void awaitSynced() {
        for (SharedIndexInformer<?> informer : List.of(virtualServices, destinationRules, deployments)) {
            try {
                informer.start().toCompletableFuture().get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("the Kubernetes watches did not start: " + e.getMessage(), e);
            }
        }
    }

    public void onVirtualServices(ResourceEventHandler<VirtualService> handler) {
        virtualServices.addEventHandler(handler);
    }

    public void onDestinationRules(ResourceEventHandler<DestinationRule> handler) {
        destinationRules.addEventHandler(handler);
    }

    public void onDeployments(ResourceEventHandler<Deployment> handler) {
        deployments.addEventHandler(handler);
    }

    @Override
    public Optional<Deployment> baseline(String namespace, String service, String version) {
        return deployments.getIndexer().byIndex(BY_APP_VERSION, appVersion(namespace, service, version)).stream()
                .min(Comparator.comparing(d -> d.getMetadata().getName()));
    }

    @Override
    public Optional<Deployment> deployment(String namespace, String name) {
        return Optional.ofNullable(deployments.getStore().getByKey(namespace + "/" + name));
    }

    @Override
    public Optional<VirtualService> virtualService(String namespace, String name) {
        return Optional.ofNullable(virtualServices.getStore().getByKey(namespace + "/" + name));
    }

    @Override
    public Optional<DestinationRule> destinationRule(String namespace, String name) {
        return Optional.ofNullable(destinationRules.getStore().getByKey(namespace + "/" + name));
    }

    private static String appVersion(String namespace, String app, String version) {
        return namespace + "/" + app + "/" + version;
    }
}
