package io.graylane.e2e;

import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRoute;
import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.istio.client.IstioClient;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.graylane.kube.StandInServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The test's view of the Kubernetes stand-in: seeding, holding pods unready, reading. */
final class Cluster {

    private final KubernetesClient client;
    private final IstioClient istio;
    private final String namespace;

    private final StandInServer standIn;

    Cluster(StandInServer standIn, String namespace) {
        this.standIn = standIn;
        this.client = standIn.client();
        this.istio = client.adapt(IstioClient.class);
        this.namespace = namespace;
    }

    /** The tutorial's starting point: reviews Service, reviews-v1, its DestinationRule and VirtualService. */
    void seedTutorial() {
        Path file = Path.of(System.getProperty("graylane.root", ".."), "examples", "tutorial-reviews-v1.yaml");
        try (InputStream in = Files.newInputStream(file)) {
            for (HasMetadata object : client.load(in).items()) {
                object.getMetadata().setNamespace(namespace);
                client.resource(object).create();
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    Deployment deployment(String name) {
        return client.apps().deployments().inNamespace(namespace).withName(name).get();
    }

    /** Makes the stand-in hold the Deployment's pods unready (it may not exist yet). */
    void holdUnready(String name) {
        standIn.deployments().hold(namespace, name, false);
    }

    /** Lets the Deployment's pods become ready, as a cluster's would once they start. */
    void release(String name) {
        standIn.deployments().release(namespace, name);
    }

    VirtualService virtualService() {
        return istio.v1().virtualServices().inNamespace(namespace).withName("reviews").get();
    }

    void editVirtualService(java.util.function.UnaryOperator<VirtualService> edit) {
        istio.v1().virtualServices().inNamespace(namespace).withName("reviews").edit(edit);
    }

    DestinationRule destinationRule() {
        return istio.v1().destinationRules().inNamespace(namespace).withName("reviews").get();
    }

    List<String> subsets() {
        return destinationRule().getSpec().getSubsets().stream().map(s -> s.getName()).toList();
    }

    /** Each HTTP route's destinations, subset to weight (100 for a single unweighted destination). */
    List<Map<String, Integer>> weights() {
        return virtualService().getSpec().getHttp().stream().map(Cluster::weights).toList();
    }

    private static Map<String, Integer> weights(HTTPRoute route) {
        Map<String, Integer> weights = new LinkedHashMap<>();
        route.getRoute().forEach(d -> weights.put(d.getDestination().getSubset(),
                d.getWeight() == null ? 100 : d.getWeight()));
        return weights;
    }
}
