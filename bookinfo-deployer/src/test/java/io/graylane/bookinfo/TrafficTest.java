package io.graylane.bookinfo;

import io.graylane.infra.IssuerResource;
import io.graylane.kubetesting.ApiCallRecorder;
import static io.graylane.infra.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.istio.client.IstioClient;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.graylane.infra.KafkaResource;
import io.graylane.infra.PrometheusServer;
import io.quarkus.test.common.http.TestHTTPResource;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import zipkin2.Span;

/**
 * The simulated mesh of the local stand-in: the split of requests follows the VirtualService in the cluster,
 * and what is sent are the spans Istio's Envoy would report.
 */
@QuarkusTest
@WithTestResource(IssuerResource.class)
@WithKubernetesTestServer(crud = true, setup = ApiCallRecorder.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(SpanCollector.class)
class TrafficTest {

    @KubernetesTestServer
    KubernetesServer server;

    private static final String V1_V3_SEVENTY_THIRTY = """
            - route:
              - destination: {host: reviews, subset: v1}
                weight: 70
              - destination: {host: reviews, subset: v3}
                weight: 30
            """;

    @TestHTTPResource("/")
    URL root;

    private final String namespace = "t-" + UUID.randomUUID().toString().substring(0, 8);
    private final String path = "/api/v1/namespaces/" + namespace + "/bookinfo";
    private KubernetesClient client;

    @BeforeEach
    void bookinfoWithThreeReviewsVersions() {
        client = server.getClient();
        given().contentType(ContentType.JSON).body("{\"allVersions\": true}").post(path).then().statusCode(200);
        client.apps().deployments().inNamespace(namespace).list().getItems()
                .forEach(d -> Cluster.makeAvailable(client, namespace, d.getMetadata().getName()));
    }

    @Test
    void theSplitFollowsTheVirtualServiceAndTheSpansAreEnvoys() {
        route(V1_V3_SEVENTY_THIRTY);

        JsonPath tally = run("{\"requestsPerSecond\": 100, \"durationSeconds\": 4, \"seed\": 11}");

        long v1 = tally.getLong("tally.versions.v1.requests");
        long v3 = tally.getLong("tally.versions.v3.requests");
        assertThat(tally.getMap("tally.versions")).containsOnlyKeys("v1", "v3");
        assertThat(v1 + v3).as("at most 100/s for 4 s; a loaded machine may send fewer").isBetween(100L, 401L);
        assertThat((double) v3 / (v1 + v3)).isCloseTo(0.3, within(fourSigmas(0.3, v1 + v3)));
        assertThat(tally.getLong("tally.failures")).isZero();

        List<Span> spans = spansOf(namespace);
        assertThat(spans).hasSize((int) (v1 * 6 + v3 * 8));
        Map<String, Span> byId = spans.stream().collect(Collectors.toMap(s -> s.traceId() + s.id(), s -> s));
        for (Span server : spans.stream().filter(s -> s.kind() == Span.Kind.SERVER).toList()) {
            Span client = byId.get(server.traceId() + server.parentId());
            assertThat(client.kind()).as("every SERVER span has its CLIENT span as parent").isEqualTo(Span.Kind.CLIENT);
            boolean ingress = client.localServiceName().equals("istio-ingressgateway.istio-system");
            String subset = ingress ? "" : server.tags().get("istio.canonical_revision");
            assertThat(client.tags().get("upstream_cluster"))
                    .as("the subset routed to names the version served; Bookinfo's gateway route names none")
                    .isEqualTo("outbound|9080|" + subset + "|"
                            + server.tags().get("istio.canonical_service") + "." + namespace + ".svc.cluster.local");
            assertThat(server.tags()).containsEntry("upstream_cluster", "inbound|9080||")
                    .containsEntry("istio.namespace", namespace).containsKey("node_id");
            assertThat(server.tags().get("node_id")).startsWith("sidecar~10.244.")
                    .contains("~" + server.tags().get("istio.canonical_service") + "-"
                            + server.tags().get("istio.canonical_revision") + "-");
        }
        long reviewsV3 = spans.stream().filter(s -> s.kind() == Span.Kind.SERVER
                && "reviews".equals(s.tags().get("istio.canonical_service"))
                && "v3".equals(s.tags().get("istio.canonical_revision"))).count();
        assertThat(reviewsV3).isEqualTo(v3);
        assertThat(spans.stream().filter(s -> s.localServiceName().equals("istio-ingressgateway.istio-system")))
                .allSatisfy(s -> assertThat(s.id()).isEqualTo(s.traceId().substring(16)));
    }

    @Test
    void aRealPrometheusScrapingTheSidecarsCountsWhatWasSent() throws Exception {
        if (PrometheusServer.binary().isEmpty()) {
            System.err.println("\n*** NOT RUN: no prometheus binary on the PATH; this test needs a real Prometheus ("
                    + PrometheusServer.HOW_TO_INSTALL + "; .ci/run installs it) ***\n");
            Assumptions.abort("no prometheus binary on the PATH: " + PrometheusServer.HOW_TO_INSTALL);
        }
        route(V1_V3_SEVENTY_THIRTY);
        Path data = Files.createTempDirectory("prometheus-");
        try (PrometheusServer prometheus = PrometheusServer.start(data,
                List.of(root.getHost() + ":" + root.getPort()), "/stats/prometheus", Duration.ofMillis(500))) {
            JsonPath tally = run("{\"requestsPerSecond\": 100, \"durationSeconds\": 3, \"seed\": 23}");
            long v1 = tally.getLong("tally.versions.v1.requests");
            long v3 = tally.getLong("tally.versions.v3.requests");
            String reviews = "destination_service_name=\"reviews\",destination_service_namespace=\"" + namespace + "\"";

            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(byVersion(prometheus,
                    "sum by (destination_version) (istio_requests_total{reporter=\"destination\"," + reviews + "})"))
                    .isEqualTo(Map.of("v1", v1, "v3", v3)));
            assertThat(byVersion(prometheus, "sum by (destination_version) (istio_request_duration_milliseconds_count"
                    + "{reporter=\"source\",source_canonical_service=\"productpage\"," + reviews + "})"))
                    .as("the caller's proxy reports the same requests").isEqualTo(Map.of("v1", v1, "v3", v3));
            assertThat(byVersion(prometheus, "sum by (destination_version) (istio_requests_total{reporter="
                    + "\"destination\",response_code=\"200\",destination_service_name=\"ratings\","
                    + "destination_service_namespace=\"" + namespace + "\"})"))
                    .as("reviews v3 calls ratings, v1 does not").isEqualTo(Map.of("v1", v3));
            String buckets = prometheus.query("count(istio_request_duration_milliseconds_bucket{reporter="
                    + "\"destination\"," + reviews + ",destination_version=\"v1\"})");
            assertThat(JsonPath.from(buckets).getString("data.result[0].value[1]"))
                    .as("Istio's 19 default buckets and +Inf").isEqualTo("20");
        }
    }

    /** An instant vector summed by destination_version, as version -> whole number. */
    private static Map<String, Long> byVersion(PrometheusServer prometheus, String promql) {
        JsonPath answer = JsonPath.from(prometheus.query(promql));
        assertThat(answer.getString("status")).isEqualTo("success");
        Map<String, Long> versions = new java.util.TreeMap<>();
        List<Map<String, Object>> result = answer.getList("data.result");
        for (Map<String, Object> series : result) {
            @SuppressWarnings("unchecked")
            Map<String, String> metric = (Map<String, String>) series.get("metric");
            List<?> value = (List<?>) series.get("value");
            versions.put(metric.get("destination_version"), Math.round(Double.parseDouble(value.get(1).toString())));
        }
        return versions;
    }

    @Test
    void routesByContentAndInjectsErrors() {
        route("""
                - match:
                  - headers:
                      end-user: {exact: jason}
                  route:
                  - destination: {host: reviews, subset: v2}
                - route:
                  - destination: {host: reviews, subset: v1}
                """);

        JsonPath tally = run("{\"requestsPerSecond\": 100, \"durationSeconds\": 3, \"seed\": 5, "
                + "\"errorRates\": {\"v2\": 1.0}}");

        long jason = tally.getLong("tally.versions.none.requests");
        long others = tally.getLong("tally.versions.v1.requests");
        assertThat(jason + others).isBetween(75L, 301L);
        assertThat((double) jason / (jason + others)).as("one user in five is jason")
                .isCloseTo(0.2, within(fourSigmas(0.2, jason + others)));
        assertThat(tally.getLong("tally.failures")).isEqualTo(jason);
        assertThat(tally.getString("tally.lastFailure")).isEqualTo("reviews v2: 500");
        assertThat(spansOf(namespace).stream().filter(s -> s.kind() == Span.Kind.SERVER
                && "v2".equals(s.tags().get("istio.canonical_revision"))).map(s -> s.tags().get("http.status_code"))
                .distinct()).containsExactly("500");
    }

    @Test
    void slowsAVersionDownAndSamplesTracesAsTheGatewayWould() {
        route(V1_V3_SEVENTY_THIRTY);

        JsonPath tally = run("{\"requestsPerSecond\": 100, \"durationSeconds\": 3, \"seed\": 9, "
                + "\"latencyFactors\": {\"v3\": 4}, \"traceSampling\": 50}");

        long requests = tally.getLong("tally.requests");
        List<Span> servers = spansOf(namespace).stream().filter(s -> s.kind() == Span.Kind.SERVER).toList();
        long traced = servers.stream().filter(s -> "productpage".equals(s.tags().get("istio.canonical_service")))
                .count();
        assertThat((double) traced / requests).as("about half the requests traced, whole")
                .isCloseTo(0.5, within(fourSigmas(0.5, requests)));
        assertThat(servers.stream().map(Span::traceId).distinct().count()).isEqualTo(traced);
        double v1 = medianMillis(servers, "v1");
        double v3 = medianMillis(servers, "v3");
        // reviews v1 works 2-4 ms; v3 works 3-6 ms and calls ratings, here 4 times as long: 12-24 ms and ratings.
        assertThat(v1).isBetween(2.0, 4.5);
        assertThat(v3).isGreaterThan(12.0);
        given().contentType(ContentType.JSON).body("{\"latencyFactors\": {\"v3\": 0}, \"traceSampling\": 0}")
                .post(path + "/traffic").then().statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.hasItems("latencyFactors.v3", "traceSampling"));
    }

    private static double medianMillis(List<Span> servers, String version) {
        List<Long> durations = servers.stream().filter(s -> "reviews".equals(s.tags().get("istio.canonical_service"))
                && version.equals(s.tags().get("istio.canonical_revision"))).map(Span::durationAsLong).sorted()
                .toList();
        return durations.get(durations.size() / 2) / 1000.0;
    }

    @Test
    void runsUntilStoppedAndRefusesWhatItCannotDo() {
        given().contentType(ContentType.JSON).body("{\"productpageUrl\": \"http://x/productpage\"}")
                .post(path + "/traffic").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("productpageUrl")).body("detail", containsString("simulates"));
        given().contentType(ContentType.JSON).body("{\"requestsPerSecond\": 0}").post(path + "/traffic").then()
                .statusCode(400).body("errors[0].field", equalTo("requestsPerSecond"));
        given().get("/api/v1/namespaces/elsewhere/bookinfo/traffic").then().statusCode(404)
                .contentType("application/problem+json");
        given().post("/api/v1/namespaces/elsewhere/bookinfo/traffic").then().statusCode(404)
                .body("type", equalTo("https://graylane.io/problems/namespace-not-found"));

        given().post(path + "/traffic").then().statusCode(201).body("running", equalTo(true))
                .body("mode", equalTo("simulated")).body("requestsPerSecond", equalTo(2.0f))
                .body("note", containsString("SIMULATED"));
        await().atMost(Duration.ofSeconds(10)).until(() -> given().get(path + "/traffic").then().extract().jsonPath()
                .getLong("tally.requests") >= 3);
        given().delete(path + "/traffic").then().statusCode(200).body("running", equalTo(false));
    }

    /** Four standard deviations of the share of {@code n} draws that fall with probability {@code p}. */
    private static double fourSigmas(double p, long n) {
        return 4 * Math.sqrt(p * (1 - p) / n);
    }

    private JsonPath run(String body) {
        given().contentType(ContentType.JSON).body(body).post(path + "/traffic").then().statusCode(201);
        await().atMost(Duration.ofSeconds(20)).until(() -> !given().get(path + "/traffic").then().extract()
                .jsonPath().getBoolean("running"));
        return given().get(path + "/traffic").then().statusCode(200).extract().jsonPath();
    }

    private void route(String http) {
        IstioClient istio = client.adapt(IstioClient.class);
        VirtualService current = istio.v1().virtualServices().inNamespace(namespace).withName("reviews").get();
        VirtualService wanted = client.getKubernetesSerialization().unmarshal("""
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: reviews}
                spec:
                  hosts: [reviews]
                  http:
                """ + http.indent(2), VirtualService.class);
        current.setSpec(wanted.getSpec());
        istio.v1().virtualServices().resource(current).update();
    }

    private static List<Span> spansOf(String namespace) {
        return SpanCollector.SPANS.stream().filter(s -> namespace.equals(s.tags().get("istio.namespace"))
                || s.tags().getOrDefault("upstream_cluster", "").contains("." + namespace + ".svc")).toList();
    }
}
