package io.graylane.traffic;

import static org.awaitility.Awaitility.await;

import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRoute;
import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.istio.client.IstioClient;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.graylane.kube.StandInServer;
import io.graylane.kubetesting.InjectStandIn;
import io.graylane.mesh.HttpRouting;
import io.graylane.mesh.MeshRequest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the tests of a whole release share: a namespace of each test's own on the Kubernetes stand-in (whose
 * Deployment controller rolls pods out as a cluster's would), seeded with the tutorial's starting point; release
 * events sent and reports read on real Kafka; reads of what traffic-service wrote.
 */
abstract class SeededNamespaceTest {

    static final String CANDIDATE = "reviews-v2";
    static final MeshRequest ANYONE = MeshRequest.get("/reviews/0", Map.of());

    @InjectStandIn
    StandInServer standIn;

    final String namespace = Bookinfo.freshNamespace();
    final Releases releases = new Releases();
    Reports reports;
    KubernetesClient client;
    IstioClient istio;

    @BeforeEach
    void seed() {
        client = standIn.client();
        istio = client.adapt(IstioClient.class);
        Bookinfo.seed(client, namespace);
        reports = new Reports(namespace);
    }

    @AfterEach
    void close() {
        releases.close();
        reports.close();
    }

    /** Waits until traffic-service has made the candidate Deployment, and answers it. */
    Deployment awaitCandidate() {
        await().atMost(Duration.ofSeconds(30)).until(() -> deployment(CANDIDATE) != null);
        return deployment(CANDIDATE);
    }

    /** Holds a Deployment unready (as its annotation stand-in.graylane.io/ready: "false" does), existing or not. */
    void holdUnready(String name) {
        standIn.deployments().hold(namespace, name, false);
    }

    void release(String name) {
        standIn.deployments().release(namespace, name);
    }

    /**
     * A Deployment of another version of a service that the user made (not Graylane): reviews-v1's, with the
     * name, labels and image given.
     */
    Deployment usersDeployment(String app, String version, String image) {
        Deployment v1 = deployment("reviews-v1");
        Deployment copy = new io.fabric8.kubernetes.api.model.apps.DeploymentBuilder()
                .withNewMetadata().withName(app + "-" + version).withNamespace(namespace)
                .addToLabels("app", app).addToLabels("version", version).endMetadata()
                .withSpec(v1.getSpec()).build();
        copy.getSpec().getSelector().setMatchLabels(Map.of("app", app, "version", version));
        copy.getSpec().getTemplate().getMetadata().setLabels(Map.of("app", app, "version", version));
        copy.getSpec().getTemplate().getSpec().getContainers().get(0).setName(app);
        copy.getSpec().getTemplate().getSpec().getContainers().get(0).setImage(image);
        return client.resource(copy).create();
    }

    /** A client of the stand-in that writes as another field manager, e.g. Argo CD's application controller. */
    KubernetesClient clientAs(String userAgent) {
        return new io.fabric8.kubernetes.client.KubernetesClientBuilder().withConfig(
                new io.fabric8.kubernetes.client.ConfigBuilder(io.fabric8.kubernetes.client.Config.empty())
                        .withMasterUrl(standIn.url()).withUserAgent(userAgent).build()).build();
    }

    /** The Deployment, or null. */
    Deployment deployment(String name) {
        return client.apps().deployments().inNamespace(namespace).withName(name).get();
    }

    /** Edits a Deployment as a person would: again on a conflict (the Deployment controller writes its status). */
    void editDeployment(String name, UnaryOperator<Deployment> edit) {
        await().atMost(Duration.ofSeconds(10)).ignoreException(KubernetesClientException.class).until(() -> {
            client.apps().deployments().inNamespace(namespace).withName(name).edit(edit);
            return true;
        });
    }

    VirtualService virtualService() {
        return virtualService("reviews");
    }

    VirtualService virtualService(String name) {
        return istio.v1().virtualServices().inNamespace(namespace).withName(name).get();
    }

    DestinationRule destinationRule() {
        return istio.v1().destinationRules().inNamespace(namespace).withName("reviews").get();
    }

    /** Where a request for reviews goes now, by Istio's first-match semantics: subset to share. */
    Map<String, Double> goesTo(MeshRequest request) {
        List<HTTPRoute> http = virtualService().getSpec().getHttp();
        return HttpRouting.routeOf(http, request).map(i -> HttpRouting.split(http.get(i)).destinations())
                .orElse(Map.of());
    }

    /** Each route's destinations as subset to weight (100 for a single unweighted destination). */
    static List<Map<String, Integer>> weights(VirtualService service) {
        return service.getSpec().getHttp().stream().map(SeededNamespaceTest::weights).toList();
    }

    private static Map<String, Integer> weights(HTTPRoute route) {
        Map<String, Integer> weights = new LinkedHashMap<>();
        route.getRoute().forEach(d -> weights.put(d.getDestination().getSubset(),
                d.getWeight() == null ? 100 : d.getWeight()));
        return weights;
    }
}
