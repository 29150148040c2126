package io.graylane.e2e;

import static io.graylane.infra.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.graylane.infra.PrometheusServer;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The two metrics sources of observability-service on the same simulated traffic: a real Prometheus scraping
 * the simulated sidecars' Istio metrics, and the spans they report. At 100% trace sampling they agree (within
 * the tolerances below); at 1% the traces source sees about a hundredth and says why, Prometheus still sees
 * all. Graylane's Prometheus answers are also checked against Prometheus' own answer to the same PromQL.
 *
 * <p>Tolerances: counts within 3% + 3 requests (Prometheus' {@code increase()} extrapolates half a scrape
 * interval, here 0.5 s, at the edge where a series starts); percentiles in the same Istio bucket (Prometheus
 * interpolates inside Istio's buckets, the traces source reads a 2% log histogram).
 */
class TelemetrySourcesTest {

    private static final double[] ISTIO_BUCKETS = {0.5, 1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000};

    private static ObservedMesh mesh;
    private static PrometheusServer prometheus;
    private static ServiceProcess observability;
    private static ServiceProcess bookinfo;
    private final Suite suite = Suite.get();

    @BeforeAll
    static void startPrometheusObservabilityAndBookinfo() throws Exception {
        mesh = ObservedMesh.start(Suite.get(), "TelemetrySourcesTest", Map.of());
        prometheus = mesh.prometheus;
        observability = mesh.observability;
        bookinfo = mesh.bookinfo;
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (mesh != null) {
            mesh.close();
        }
    }

    @Test
    void atFullSamplingBothSourcesAgreeAndPrometheusAnswersAsItsOwnPromql() {
        String namespace = "tel-" + UUID.randomUUID().toString().substring(0, 6);
        Api api = new Api(suite, namespace);
        deployBookinfo(namespace);
        api.create(Api.tutorialCanary("canary-release")).statusCode(201);
        api.awaitPhase("canary-release", "Active");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get(observability.url()
                + "/api/v1/namespaces/" + namespace + "/releases/canary-release/comparison").then().statusCode(200)
                .body("appliedGeneration", equalTo(1)));

        long end = traffic(namespace, 5, "{\"requestsPerSecond\": 40, \"durationSeconds\": 25, \"seed\": 3, "
                + "\"errorRates\": {\"v2\": 0.05}}");
        String query = "?window=2m&end=" + end;

        JsonPath traces = metrics(namespace, query + "&source=traces");
        JsonPath fromPrometheus = metrics(namespace, query);
        assertThat(fromPrometheus.getString("source")).isEqualTo("prometheus");
        assertThat(traces.getString("source")).isEqualTo("traces");
        assertThat(traces.getString("sourceNote")).contains("as complete as the trace sampling");
        assertThat(fromPrometheus.getString("from")).isEqualTo(traces.getString("from"));
        for (String version : List.of("v1", "v2")) {
            Map<String, Object> t = version(traces, version);
            Map<String, Object> p = version(fromPrometheus, version);
            long requests = number(t, "requests").longValue();
            assertThat(requests).as("traffic reached %s", version).isGreaterThan(100);
            assertThat(number(p, "requests").longValue()).as("%s requests", version)
                    .isCloseTo(requests, within(requests * 3 / 100 + 3));
            assertThat(number(p, "successRate").doubleValue()).as("%s success rate", version)
                    .isCloseTo(number(t, "successRate").doubleValue(), within(0.01));
            assertThat(fromPrometheus.getList("versions.find { it.version == '" + version + "' }.pods"))
                    .as("%s pods", version).isNotEmpty()
                    .isEqualTo(traces.getList("versions.find { it.version == '" + version + "' }.pods"));
            for (String percentile : List.of("p50", "p95", "p99")) {
                assertSameIstioBucket(version + " " + percentile, latency(t, percentile), latency(p, percentile));
            }
        }
        assertThat(number(version(traces, "v2"), "errorRate").doubleValue()).isBetween(0.02, 0.09);

        // Prometheus' own answer to the same PromQL: the counts and the p99 Graylane gives.
        String reviews = "reporter=\"destination\",destination_workload_namespace=\"" + namespace
                + "\",destination_canonical_service=\"reviews\"";
        long to = epochMillis(fromPrometheus, "to");
        Map<String, Long> direct = byRevision(prometheus.query("sum by (destination_canonical_revision, "
                + "response_code) (increase(istio_requests_total{" + reviews + "}[120s]))", to));
        Map<String, Double> directP99 = new HashMap<>();
        JsonPath.from(prometheus.query("histogram_quantile(0.99, sum by (destination_canonical_revision, le) ("
                + "increase(istio_request_duration_milliseconds_bucket{" + reviews + "}[120s])))", to))
                .<Map<String, Object>>getList("data.result").forEach(result -> directP99.put(
                        revision(result), Double.parseDouble((String) ((List<?>) result.get("value")).get(1))));
        for (String version : List.of("v1", "v2")) {
            assertThat(number(version(fromPrometheus, version), "requests").longValue())
                    .isEqualTo(direct.get(version));
            assertThat(latency(version(fromPrometheus, version), "p99"))
                    .isCloseTo(directP99.get(version), within(0.001));
        }

        // The graph: the same edges, with the same counts.
        Map<String, Long> graphTraces = edges(namespace, query + "&source=traces");
        Map<String, Long> graphPrometheus = edges(namespace, query);
        assertThat(graphPrometheus.keySet()).containsExactlyInAnyOrderElementsOf(graphTraces.keySet())
                .contains("productpage v1 -> reviews v2", "reviews v2 -> ratings v1");
        graphTraces.forEach((edge, requests) -> assertThat(graphPrometheus.get(edge)).as(edge)
                .isCloseTo(requests, within(requests * 3 / 100 + 3)));

        // The comparison of the release: the same versions, the same verdict on the split.
        JsonPath compareTraces = comparison(namespace, query + "&source=traces");
        JsonPath comparePrometheus = comparison(namespace, query);
        assertThat(comparePrometheus.getString("analysis.source")).isEqualTo("prometheus");
        assertThat(compareTraces.getString("analysis.source")).isEqualTo("traces");
        assertThat(comparePrometheus.getString("analysis.split.verdict"))
                .isEqualTo(compareTraces.getString("analysis.split.verdict")).isEqualTo("MATCHES");
        for (int i = 0; i < 2; i++) {
            long t = compareTraces.getLong("analysis.versions[" + i + "].requests");
            assertThat(comparePrometheus.getLong("analysis.versions[" + i + "].requests"))
                    .isCloseTo(t, within(t * 3 / 100 + 3));
        }
    }

    @Test
    void atOnePercentSamplingTracesSayWhyPrometheusStillCountsEveryRequest() {
        String namespace = "tel-" + UUID.randomUUID().toString().substring(0, 6);
        deployBookinfo(namespace);
        // As on a running mesh, the series exist before the window: increase() cannot count what happened
        // before a series' first scrape, which matters for a series born inside the window only.
        traffic(namespace, 4, "{\"requestsPerSecond\": 20, \"durationSeconds\": 2}");
        long from = (System.currentTimeMillis() / 10_000 + 1) * 10_000;
        await().atMost(Duration.ofSeconds(12)).until(() -> System.currentTimeMillis() > from + 500);
        long end = traffic(namespace, 4, "{\"requestsPerSecond\": 100, \"durationSeconds\": 20, \"seed\": 4, "
                + "\"traceSampling\": 1}");
        JsonPath tally = given().get(bookinfo.url() + "/api/v1/namespaces/" + namespace + "/bookinfo/traffic")
                .then().statusCode(200).extract().jsonPath();
        long sent = tally.getLong("tally.requests");
        String query = "?window=" + (end - from) + "ms&end=" + end;

        JsonPath traces = metrics(namespace, query + "&source=traces", "productpage");
        JsonPath fromPrometheus = metrics(namespace, query, "productpage");
        assertThat(traces.getString("sourceNote")).contains("sampling", "1%");
        long traced = traces.getLong("total.requests");
        assertThat(traced).as("about 1% of %d requests traced", sent).isBetween(sent / 400, sent / 40);
        long counted = fromPrometheus.getLong("total.requests");
        assertThat(counted).as("Prometheus counts every request").isCloseTo(sent, within(sent * 3 / 100 + 3));
        assertThat(fromPrometheus.getDouble("total.requestsPerSecond")).as("the rate over the window")
                .isCloseTo(counted * 1000.0 / (epochMillis(fromPrometheus, "to") - epochMillis(fromPrometheus, "from")),
                        within(0.01));
    }

    private void deployBookinfo(String namespace) {
        mesh.deployBookinfo(namespace);
    }

    /**
     * Runs traffic to its end and returns a window end after Prometheus scraped it all: when the counter of the
     * requests the gateway sent to productpage (exact, unlike increase()) equals the run's own count.
     */
    private long traffic(String namespace, int pods, String body) {
        // As on a cluster, each pod's sidecar is scraped from its start, before traffic reaches it.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> assertThat(
                JsonPath.from(prometheus.query("count(up{namespace=\"" + namespace + "\"} == 1) or vector(0)"))
                        .getString("data.result[0].value[1]")).as("pods scraped").isEqualTo(Integer.toString(pods)));
        String path = bookinfo.url() + "/api/v1/namespaces/" + namespace + "/bookinfo/traffic";
        String counter = "sum(istio_requests_total{reporter=\"source\",destination_service_namespace=\""
                + namespace + "\",destination_service_name=\"productpage\"}) or vector(0)";
        long before = Long.parseLong(JsonPath.from(prometheus.query(counter)).getString("data.result[0].value[1]"));
        given().contentType(ContentType.JSON).body(body).post(path).then().statusCode(201);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                given().get(path).then().statusCode(200).body("running", equalTo(false)));
        long sent = given().get(path).then().extract().jsonPath().getLong("tally.requests");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> assertThat(
                JsonPath.from(prometheus.query(counter)).getString("data.result[0].value[1]"))
                .as("Prometheus scraped the whole run").isEqualTo(Long.toString(before + sent)));
        // Windows are aligned inwards to whole 10 s: end on a boundary after the run so none of it is cut.
        long end = (System.currentTimeMillis() / 10_000 + 1) * 10_000;
        await().atMost(Duration.ofSeconds(11)).until(() -> System.currentTimeMillis() > end);
        return end;
    }

    private JsonPath metrics(String namespace, String query) {
        return metrics(namespace, query, "reviews");
    }

    private JsonPath metrics(String namespace, String query, String service) {
        return given().get(observability.url() + "/api/v1/namespaces/" + namespace + "/services/" + service
                + "/metrics" + query).then().statusCode(200).extract().jsonPath();
    }

    private static long epochMillis(JsonPath answer, String field) {
        return java.time.Instant.parse(answer.getString(field)).toEpochMilli();
    }

    private JsonPath comparison(String namespace, String query) {
        return given().get(observability.url() + "/api/v1/namespaces/" + namespace
                + "/releases/canary-release/comparison" + query).then().statusCode(200).extract().jsonPath();
    }

    /** Edges of the graph as "source version -> target version", with their request counts. */
    private Map<String, Long> edges(String namespace, String query) {
        JsonPath graph = given().get(observability.url() + "/api/v1/namespaces/" + namespace + "/graph" + query)
                .then().statusCode(200).extract().jsonPath();
        Map<String, String> names = new HashMap<>();
        for (Map<String, Object> node : graph.<Map<String, Object>>getList("elements.nodes.data")) {
            if (node.get("version") != null) {
                names.put((String) node.get("id"), node.get("app") + " " + node.get("version"));
            }
        }
        Map<String, Long> edges = new HashMap<>();
        for (Map<String, Object> edge : graph.<Map<String, Object>>getList("elements.edges.data")) {
            String name = names.get(edge.get("source")) + " -> " + names.get(edge.get("target"));
            @SuppressWarnings("unchecked")
            Map<String, Object> http = (Map<String, Object>) ((Map<String, Object>) edge.get("traffic")).get("rates");
            double rate = Double.parseDouble((String) http.get("http"));
            edges.put(name, Math.round(rate * graph.getLong("duration")));
        }
        return edges;
    }

    private static Map<String, Object> version(JsonPath metrics, String version) {
        Map<String, Object> found = metrics.getMap("versions.find { it.version == '" + version + "' }.stats");
        assertThat(found).as("version %s in %s", version, metrics.prettify()).isNotNull();
        return found;
    }

    private static Number number(Map<String, Object> stats, String field) {
        return (Number) stats.get(field);
    }

    @SuppressWarnings("unchecked")
    private static double latency(Map<String, Object> stats, String percentile) {
        return ((Number) ((Map<String, Object>) stats.get("latency")).get(percentile)).doubleValue();
    }

    /** Requests per revision, each series (one per response code) rounded to whole requests as Graylane does. */
    private static Map<String, Long> byRevision(String answer) {
        Map<String, Long> values = new HashMap<>();
        for (Map<String, Object> result : JsonPath.from(answer).<Map<String, Object>>getList("data.result")) {
            values.merge(revision(result), Math.round(Double.parseDouble((String) ((List<?>) result.get("value"))
                    .get(1))), Long::sum);
        }
        return values;
    }

    @SuppressWarnings("unchecked")
    private static String revision(Map<String, Object> result) {
        return ((Map<String, String>) result.get("metric")).get("destination_canonical_revision");
    }

    /** Prometheus' percentile lies in the Istio bucket of the traces' (widened by the traces' 2%). */
    private static void assertSameIstioBucket(String what, double traces, double fromPrometheus) {
        double low = 0;
        double high = Double.MAX_VALUE;
        for (double bound : ISTIO_BUCKETS) {
            if (bound < traces * 0.98) {
                low = bound;
            }
            if (bound >= traces * 1.02 && high == Double.MAX_VALUE) {
                high = bound;
            }
        }
        assertThat(fromPrometheus).as("%s: traces %s, prometheus %s", what, traces, fromPrometheus)
                .isBetween(low, high);
    }
}
