package io.graylane.bookinfo;

import io.graylane.infra.IssuerResource;
import io.graylane.kubetesting.ApiCallRecorder;
import static io.graylane.infra.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.istio.client.IstioClient;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.graylane.events.CloudEvent;
import io.graylane.events.EventCodec;
import io.graylane.events.EventTypes;
import io.graylane.events.Topics;
import io.graylane.infra.KafkaResource;
import io.graylane.infra.SharedKafka;
import io.graylane.infra.TopicReader;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Deploy, status and removal of Bookinfo against the Kubernetes test server, announced on real Kafka. */
@QuarkusTest
@WithTestResource(IssuerResource.class)
@WithKubernetesTestServer(crud = true, setup = ApiCallRecorder.class)
@WithTestResource(KafkaResource.class)
class DeployTest {

    @KubernetesTestServer
    KubernetesServer server;

    private final String namespace = "t-" + UUID.randomUUID().toString().substring(0, 8);
    private final String path = "/api/v1/namespaces/" + namespace + "/bookinfo";
    private final EventCodec codec = new EventCodec();
    private KubernetesClient client;
    private IstioClient istio;

    @BeforeEach
    void clients() {
        client = server.getClient();
        istio = client.adapt(IstioClient.class);
    }

    @Test
    void deploysTheTutorialStartingPointOnceAndAnnouncesIt() throws Exception {
        JsonNode first = json(given().post(path).then().statusCode(200).extract().asString());

        assertThat(first.path("changes")).hasSize(1 + 4 + 4 + 4 + 4 + 5 + 1);
        assertThat(first.at("/changes/0").toString()).isEqualTo(
                "{\"action\":\"created\",\"kind\":\"Namespace\",\"name\":\"" + namespace + "\"}");
        assertThat(client.namespaces().withName(namespace).get().getMetadata().getLabels())
                .containsEntry("istio-injection", "enabled");
        assertThat(deployments()).containsOnlyKeys("details-v1", "ratings-v1", "reviews-v1", "productpage-v1");
        assertThat(deployments().get("reviews-v1").getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .isEqualTo("kubesphere/examples-bookinfo-reviews-v1:1.13.0");
        assertThat(istio.v1().virtualServices().inNamespace(namespace).withName("reviews").get().getSpec().getHttp()
                .get(0).getRoute().get(0).getDestination().getSubset()).isEqualTo("v1");
        assertThat(first.at("/status/ready").asBoolean()).isFalse();
        assertThat(first.at("/status/generation").asLong()).isEqualTo(1);

        Map<String, String> versions = resourceVersions();
        JsonNode second = json(given().post(path).then().statusCode(200).extract().asString());
        assertThat(second.path("changes")).isEmpty();
        assertThat(resourceVersions()).as("deploying twice writes nothing").isEqualTo(versions);

        try (TopicReader reader = new TopicReader(SharedKafka.broker().bootstrapServers(), Topics.BOOKINFO)) {
            List<CloudEvent> events = reader.await(r -> r.key().equals(namespace + "/bookinfo"), 2,
                    Duration.ofSeconds(20)).stream().map(r -> codec.read(r.value())).toList();
            assertThat(events).extracting(CloudEvent::type).containsOnly(EventTypes.BOOKINFO_DEPLOYED);
            assertThat(events.get(0).data().path("generation").asLong()).isEqualTo(1);
            assertThat(events.get(0).data().path("workloads")).hasSize(4);
            assertThat(events.get(1).data().path("changes")).isEmpty();
        }
    }

    @Test
    void reportsReadinessPerWorkload() {
        given().post(path).then().statusCode(200);
        given().get(path).then().statusCode(200).body("ready", equalTo(false)).body("workloads", hasSize(4))
                .body("workloads.find { it.name == 'reviews-v1' }.desired", equalTo(1))
                .body("workloads.find { it.name == 'reviews-v1' }.ready", equalTo(0))
                .body("sidecarInjection", equalTo(true));

        deployments().keySet().forEach(name -> Cluster.makeAvailable(client, namespace, name));

        given().get(path).then().statusCode(200).body("ready", equalTo(true))
                .body("workloads.find { it.name == 'reviews-v1' }.ready", equalTo(1))
                .body("workloads.find { it.name == 'reviews-v1' }.managedBy", equalTo("graylane-bookinfo-deployer"))
                .body("routing", org.hamcrest.Matchers.hasItems("Gateway bookinfo-gateway", "VirtualService reviews",
                        "DestinationRule reviews"));
    }

    @Test
    void leavesRoutingToTheReleasesButRestoresWorkloadsAndAddsSubsets() throws Exception {
        given().post(path).then().statusCode(200);
        VirtualService reviews = istio.v1().virtualServices().inNamespace(namespace).withName("reviews").get();
        reviews.getSpec().getHttp().get(0).getRoute().get(0).setWeight(100);
        istio.v1().virtualServices().resource(reviews).update();
        Deployment details = deployments().get("details-v1");
        details.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("someone/else:1");
        client.resource(details).update();
        io.fabric8.kubernetes.api.model.Service productpage = client.services().inNamespace(namespace)
                .withName("productpage").get();
        productpage.getSpec().getPorts().get(0).setPort(9999);
        client.resource(productpage).update();
        client.serviceAccounts().inNamespace(namespace).withName("bookinfo-details")
                .edit(account -> new io.fabric8.kubernetes.api.model.ServiceAccountBuilder(account).editMetadata()
                        .removeFromLabels("account").endMetadata().build());

        JsonNode again = json(given().contentType(ContentType.JSON).body("{\"allVersions\": true}").post(path)
                .then().statusCode(200).extract().asString());

        assertThat(again.path("changes").findValuesAsText("name")).containsExactlyInAnyOrder("details-v1",
                "reviews-v2", "reviews-v3", "reviews", "productpage", "bookinfo-details");
        assertThat(client.services().inNamespace(namespace).withName("productpage").get().getSpec().getPorts().get(0)
                .getPort()).isEqualTo(9080);
        assertThat(client.serviceAccounts().inNamespace(namespace).withName("bookinfo-details").get().getMetadata()
                .getLabels()).containsEntry("account", "details");
        assertThat(deployments().get("details-v1").getSpec().getTemplate().getSpec().getContainers().get(0)
                .getImage()).isEqualTo("kubesphere/examples-bookinfo-details-v1:1.13.0");
        DestinationRule rule = istio.v1().destinationRules().inNamespace(namespace).withName("reviews").get();
        assertThat(rule.getSpec().getSubsets()).extracting(s -> s.getName()).containsExactly("v1", "v2", "v3");
        assertThat(istio.v1().virtualServices().inNamespace(namespace).withName("reviews").get().getSpec().getHttp()
                .get(0).getRoute().get(0).getWeight()).as("the user's routing stays").isEqualTo(100);
        assertThat(again.at("/status/generation").asLong()).isEqualTo(2);
    }

    @Test
    void removesExactlyWhatItMade() throws Exception {
        given().post(path).then().statusCode(200);
        Deployment candidate = deployments().get("reviews-v1");
        candidate.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName("reviews-v2")
                .withNamespace(namespace).withLabels(Map.of("app", "reviews", "version", "v2",
                        "app.kubernetes.io/managed-by", "graylane")).build());
        client.resource(candidate).create();

        JsonNode removed = json(given().delete(path).then().statusCode(200).extract().asString());

        assertThat(removed.path("changes")).hasSize(4 + 4 + 4 + 5 + 1 + 4);
        assertThat(deployments()).containsOnlyKeys("reviews-v2");
        assertThat(istio.v1().virtualServices().inNamespace(namespace).list().getItems()).isEmpty();
        assertThat(client.namespaces().withName(namespace).get()).as("the namespace stays").isNotNull();
        given().get(path).then().statusCode(200).body("workloads", hasSize(1))
                .body("workloads[0].managedBy", equalTo("graylane"));
        given().delete(path).then().statusCode(200).body("changes", hasSize(0));

        try (TopicReader reader = new TopicReader(SharedKafka.broker().bootstrapServers(), Topics.BOOKINFO)) {
            CloudEvent event = reader.await(r -> r.key().equals(namespace + "/bookinfo")
                    && r.value().contains(EventTypes.BOOKINFO_REMOVED), 1, Duration.ofSeconds(20)).stream()
                    .map(r -> codec.read(r.value())).findFirst().orElseThrow();
            assertThat(event.data().path("generation").asLong()).isEqualTo(2);
        }
    }

    @Test
    void answersBadRequestsWithProblems() {
        given().post("/api/v1/namespaces/Bad_NS/bookinfo").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("namespace"));
        given().contentType(ContentType.JSON).body("{\"images\": \"docker\"}").post(path).then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("images"))
                .body("detail", containsString("kubesphere"));
        given().contentType(ContentType.JSON).body("{\"allversions\": true}").post(path).then().statusCode(400)
                .contentType("application/problem+json");
        given().contentType(ContentType.JSON).body("{\"allVersions\": \"yes\"}").post(path).then().statusCode(400)
                .contentType("application/problem+json");
        given().get(path).then().statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("https://graylane.io/problems/namespace-not-found"));
        client.resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build()).create();
        given().get(path).then().statusCode(404)
                .body("type", equalTo("https://graylane.io/problems/bookinfo-not-deployed"))
                .body("detail", containsString("./graylane bookinfo deploy -n " + namespace));
        given().put(path).then().statusCode(405).contentType("application/problem+json");
    }

    @Test
    void saysWhenIstioIsMissingAndCreatesNothing() {
        server.expect().get().withPath("/apis/networking.istio.io/v1/namespaces/" + namespace + "/virtualservices")
                .andReturn(404, Map.of("kind", "Status", "code", 404, "message", "the server could not find the "
                        + "requested resource")).once();

        given().post(path).then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("https://graylane.io/problems/istio-not-installed"))
                .body("detail", containsString("istioctl install"));
        assertThat(client.namespaces().withName(namespace).get()).isNull();
    }

    @Test
    void saysWhenItMayNotCreateTheNamespace() {
        server.expect().post().withPath("/api/v1/namespaces").andReturn(403, Map.of("kind", "Status", "code", 403,
                "reason", "Forbidden", "message", "namespaces is forbidden: User \"system:serviceaccount:graylane:"
                        + "bookinfo-deployer\" cannot create resource \"namespaces\"")).once();

        given().post(path).then().statusCode(403).contentType("application/problem+json")
                .body("type", equalTo("https://graylane.io/problems/kubernetes-forbidden"))
                .body("detail", containsString("cannot create resource"));
    }

    private Map<String, Deployment> deployments() {
        return client.apps().deployments().inNamespace(namespace).list().getItems().stream()
                .collect(Collectors.toMap(d -> d.getMetadata().getName(), Function.identity()));
    }

    private Map<String, String> resourceVersions() {
        Map<String, String> versions = new HashMap<>();
        Stream.<List<? extends HasMetadata>>of(client.apps().deployments().inNamespace(namespace).list().getItems(),
                client.services().inNamespace(namespace).list().getItems(),
                client.serviceAccounts().inNamespace(namespace).list().getItems(),
                istio.v1().virtualServices().inNamespace(namespace).list().getItems(),
                istio.v1().destinationRules().inNamespace(namespace).list().getItems(),
                istio.v1().gateways().inNamespace(namespace).list().getItems(),
                List.of(client.namespaces().withName(namespace).get()))
                .flatMap(List::stream)
                .forEach(o -> versions.put(o.getKind() + "/" + o.getMetadata().getName(),
                        o.getMetadata().getResourceVersion()));
        return versions;
    }

    private static JsonNode json(String body) throws Exception {
        return new ObjectMapper().readTree(body);
    }
}
