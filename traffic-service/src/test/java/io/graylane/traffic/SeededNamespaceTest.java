package io.graylane.traffic;

import static org.awaitility.Awaitility.await;

import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRoute;
import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.istio.client.IstioClient;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the tests of a whole release share: a namespace of each test's own, seeded with the tutorial's starting
 * point on the Kubernetes test server, release events sent and reports read on real Kafka, and reads of what
 * traffic-service wrote.
 */
abstract class SeededNamespaceTest {

    static final String CANDIDATE = "reviews-v2";

    @KubernetesTestServer
    KubernetesServer server;

    final String namespace = Bookinfo.freshNamespace();
    final Releases releases = new Releases();
    Reports reports;
    KubernetesClient client;
    IstioClient istio;

    @BeforeEach
    void seed() {
        client = server.getClient();
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

    /** Waits for the candidate, then plays the Deployment controller: every replica becomes available. */
    void makeCandidateAvailable() {
        awaitCandidate();
        Bookinfo.makeAvailable(client, namespace, CANDIDATE);
    }

    /** The Deployment, or null. */
    Deployment deployment(String name) {
        return client.apps().deployments().inNamespace(namespace).withName(name).get();
    }

    VirtualService virtualService() {
        return istio.v1().virtualServices().inNamespace(namespace).withName("reviews").get();
    }

    DestinationRule destinationRule() {
        return istio.v1().destinationRules().inNamespace(namespace).withName("reviews").get();
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
