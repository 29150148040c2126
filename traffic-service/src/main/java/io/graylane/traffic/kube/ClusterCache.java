package io.graylane.traffic.kube;

import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.istio.client.IstioClient;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Watches, as a Kubernetes controller does, what traffic-service reads on every pass: VirtualServices,
 * DestinationRules, Deployments and HorizontalPodAutoscalers of every namespace. Passes read from here and touch
 * the API server only to write; a pass that wrote on a stale read gets a conflict and re-reads from the API
 * server.
 */
@ApplicationScoped
public class ClusterCache implements Reads {

    private final KubernetesClient client;
    private SharedIndexInformer<VirtualService> virtualServices;
    private SharedIndexInformer<DestinationRule> destinationRules;
    private SharedIndexInformer<Deployment> deployments;
    private SharedIndexInformer<HorizontalPodAutoscaler> autoscalers;

    ClusterCache(KubernetesClient client) {
        this.client = client;
    }

    @PostConstruct
    void start() {
        IstioClient istio = client.adapt(IstioClient.class);
        virtualServices = istio.v1().virtualServices().inAnyNamespace().inform();
        destinationRules = istio.v1().destinationRules().inAnyNamespace().inform();
        deployments = client.apps().deployments().inAnyNamespace().inform();
        autoscalers = client.autoscaling().v2().horizontalPodAutoscalers().inAnyNamespace().inform();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        informers().forEach(SharedIndexInformer::close);
    }

    /** Blocks until every watch has listed what exists; before that the cache would claim things are missing. */
    public void awaitSynced() {
        for (SharedIndexInformer<?> informer : informers()) {
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

    public void onAutoscalers(ResourceEventHandler<HorizontalPodAutoscaler> handler) {
        autoscalers.addEventHandler(handler);
    }

    @Override
    public List<Deployment> deployments(String namespace) {
        return inNamespace(deployments, namespace);
    }

    @Override
    public List<VirtualService> virtualServices(String namespace) {
        return inNamespace(virtualServices, namespace);
    }

    @Override
    public List<DestinationRule> destinationRules(String namespace) {
        return inNamespace(destinationRules, namespace);
    }

    @Override
    public List<HorizontalPodAutoscaler> autoscalers(String namespace) {
        return inNamespace(autoscalers, namespace);
    }

    /** A Deployment by name, from the cache. */
    public java.util.Optional<Deployment> deployment(String namespace, String name) {
        return java.util.Optional.ofNullable(deployments.getStore().getByKey(namespace + "/" + name));
    }

    private List<SharedIndexInformer<? extends HasMetadata>> informers() {
        return List.of(virtualServices, destinationRules, deployments, autoscalers);
    }

    private static <T extends HasMetadata> List<T> inNamespace(SharedIndexInformer<T> informer, String namespace) {
        return informer.getIndexer().byIndex(Cache.NAMESPACE_INDEX, namespace);
    }
}
