package io.graylane.observability;

import static io.graylane.infra.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.graylane.infra.IssuerResource;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.graylane.events.Producers;
import io.graylane.events.CloudEvent;
import io.graylane.events.EventCodec;
import io.graylane.events.EventTypes;
import io.graylane.events.Topics;
import io.graylane.events.release.Baseline;
import io.graylane.events.release.Candidate;
import io.graylane.events.release.DesiredRelease;
import io.graylane.events.release.Intent;
import io.graylane.events.release.Strategy;
import io.graylane.events.release.TrafficPolicy;
import io.graylane.events.traffic.AppliedRoutes;
import io.graylane.events.traffic.TrafficApplied;
import io.graylane.infra.KafkaResource;
import io.graylane.infra.SharedKafka;
import io.graylane.infra.TopicReader;
import io.graylane.infra.TopicWriter;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import zipkin2.DependencyLink;
import zipkin2.Span;
import zipkin2.codec.DependencyLinkBytesDecoder;
import zipkin2.codec.SpanBytesEncoder;
import zipkin2.internal.DependencyLinker;

/**
 * Generated Bookinfo traffic with known versions, errors and latencies: the metrics, the observed split and
 * the analysis snapshots say what was sent, within the stated tolerances.
 */
@QuarkusTest
@WithTestResource(IssuerResource.class)
@TestProfile(TrafficMetricsTest.FastAnalysis.class)
@WithTestResource(KafkaResource.class)
class TrafficMetricsTest {

    private final ObjectMapper json = new ObjectMapper();
    private final EventCodec codec = new EventCodec();

    @Test
    void perVersionMetricsSayWhatWasSent() throws Exception {
        String namespace = namespace();
        BookinfoTraffic traffic = new BookinfoTraffic(7, namespace);
        long now = System.currentTimeMillis();
        post(traffic.requests(2_000, 0.3, 0.05, (now - 60_000) * 1000));

        JsonNode metrics = json.readTree(given().get("/api/v1/namespaces/" + namespace
                + "/services/reviews/metrics?window=5m&step=1m").then().statusCode(200).extract().asString());

        for (JsonNode version : metrics.path("versions")) {
            BookinfoTraffic.Sent sent = traffic.sent.get(version.path("version").asText());
            JsonNode stats = version.path("stats");
            assertThat(stats.path("requests").asLong()).isEqualTo(sent.requests);
            assertThat(stats.path("byStatus").path("5xx").asLong()).isEqualTo(sent.errors);
            assertThat(stats.path("byStatus").path("4xx").asLong()).isEqualTo(sent.clientErrors);
            assertThat(stats.path("successRate").asDouble())
                    .isCloseTo(1 - (double) sent.errors / sent.requests, within(0.001));
            for (String percentile : List.of("p50", "p95", "p99")) {
                double truth = quantile(sent.durations, Double.parseDouble(percentile.substring(1)) / 100) / 1000.0;
                assertThat(stats.path("latency").path(percentile).asDouble()).as(percentile)
                        .isCloseTo(truth, within(truth * 0.02 + 0.001));
            }
            assertThat(version.path("pods").get(0).asText()).startsWith("reviews-" + version.path("version").asText());
            long inSeries = 0;
            for (JsonNode point : version.path("series")) {
                inSeries += point.path("stats").path("requests").asLong();
            }
            assertThat(inSeries).isEqualTo(sent.requests);
        }
        assertThat(metrics.path("versions")).hasSize(2);
        assertThat(metrics.path("errors").asText()).contains("4xx are counted apart");
    }

    @Test
    void theGraphShowsTheCallsAndTheHealthOfEachVersion() throws Exception {
        String namespace = namespace();
        BookinfoTraffic traffic = new BookinfoTraffic(11, namespace);
        post(traffic.requests(500, 0.5, 0.2, (System.currentTimeMillis() - 30_000) * 1000));

        JsonNode graph = json.readTree(given().get("/api/v1/namespaces/" + namespace + "/graph?window=5m").then()
                .statusCode(200).extract().asString());

        assertThat(graph.path("graphType").asText()).isEqualTo("versionedApp");
        Map<String, JsonNode> nodes = new java.util.HashMap<>();
        graph.at("/elements/nodes").forEach(n -> nodes.put(n.at("/data/id").asText(), n.path("data")));
        List<String> edges = new ArrayList<>();
        graph.at("/elements/edges").forEach(e -> edges.add(label(nodes.get(e.at("/data/source").asText())) + " -> "
                + label(nodes.get(e.at("/data/target").asText()))));
        assertThat(edges).containsExactlyInAnyOrder("istio-ingressgateway:latest -> productpage:v1",
                "productpage:v1 -> reviews:v1", "productpage:v1 -> reviews:v2");
        JsonNode v2 = nodes.values().stream().filter(n -> "v2".equals(n.path("version").asText())).findFirst()
                .orElseThrow();
        assertThat(v2.path("health").asText()).isEqualTo("failing");
        assertThat(v2.at("/traffic/0/rates/httpIn5xx").asText()).isNotEmpty();
        assertThat(nodes.values().stream().filter(n -> "v1".equals(n.path("version").asText())
                && "reviews".equals(n.path("app").asText())).findFirst().orElseThrow().path("health").asText())
                .isIn("healthy", "degraded");

        // Kiali's own answer (kiali/kiali graph/api/testdata) names the fields a node and an edge carry.
        JsonNode kiali = json.readTree(TrafficMetricsTest.class.getResourceAsStream(
                "/kiali/test_versioned_app_graph.expected"));
        java.util.Set<String> kialiNodeFields = new java.util.TreeSet<>();
        kiali.at("/elements/nodes").forEach(n -> n.path("data").fieldNames().forEachRemaining(kialiNodeFields::add));
        java.util.Set<String> kialiEdgeFields = new java.util.TreeSet<>();
        kiali.at("/elements/edges").forEach(e -> e.path("data").fieldNames().forEachRemaining(kialiEdgeFields::add));
        for (JsonNode node : nodes.values()) {
            List<String> fields = new ArrayList<>();
            node.fieldNames().forEachRemaining(fields::add);
            assertThat(fields).as("Kiali's fields, and Graylane's health").isSubsetOf(plus(kialiNodeFields, "health"))
                    .contains("id", "nodeType", "cluster", "namespace", "app", "healthData");
            assertThat(node.path("cluster").asText()).isEqualTo("Kubernetes");
        }
        assertThat(v2.path("destServices")).hasSize(1);
        assertThat(v2.at("/destServices/0/name").asText()).isEqualTo("reviews");
        assertThat(v2.at("/destServices/0/namespace").asText()).isEqualTo(namespace);
        JsonNode gateway = nodes.values().stream().filter(n -> "istio-ingressgateway".equals(n.path("app").asText())
                && "app".equals(n.path("nodeType").asText()))
                .findFirst().orElseThrow();
        assertThat(gateway.path("isOutside").asBoolean()).as("istio-system is not the namespace asked for: %s", gateway)
                .isTrue();
        assertThat(gateway.path("isRoot").asBoolean()).isTrue();
        assertThat(gateway.has("destServices")).isFalse();
        graph.at("/elements/edges").forEach(edge -> {
            List<String> fields = new ArrayList<>();
            edge.path("data").fieldNames().forEachRemaining(fields::add);
            assertThat(fields).isSubsetOf(plus(kialiEdgeFields, "responseTime"));
        });
        assertThat(graph.at("/elements/edges").findValues("hosts").stream().flatMap(h -> {
            List<String> hosts = new ArrayList<>();
            h.fieldNames().forEachRemaining(hosts::add);
            return hosts.stream();
        })).as("Istio's destination_service, as Kiali shows it").allMatch(host -> host.endsWith(
                "." + namespace + ".svc.cluster.local"));
    }

    private static java.util.Set<String> plus(java.util.Set<String> fields, String field) {
        java.util.Set<String> all = new java.util.TreeSet<>(fields);
        all.add(field);
        return all;
    }

    @Test
    void aWeightChangeInsideTheWindowIsJudgedOnTheTrafficRoutedSinceIt() throws Exception {
        String namespace = namespace();
        long now = System.currentTimeMillis();
        announce(namespace, "changed", 1, 70, Instant.ofEpochMilli(now - 120_000));
        post(new BookinfoTraffic(17, namespace).requests(1_500, 0.3, 0.0, (now - 100_000) * 1000));
        Instant changed = Instant.ofEpochMilli(now - 50_000);
        announce(namespace, "changed", 2, 50, changed);
        post(new BookinfoTraffic(19, namespace).requests(1_500, 0.5, 0.0, (now - 40_000) * 1000));

        JsonNode analysis = awaitVerdict(namespace, "changed", "MATCHES").path("analysis");

        assertThat(analysis.path("splitGeneration").asLong()).isEqualTo(2);
        Instant splitFrom = Instant.parse(analysis.path("splitFrom").asText());
        assertThat(splitFrom).isAfterOrEqualTo(changed).isBefore(changed.plusSeconds(10));
        assertThat(analysis.at("/split/observed/v1").asLong() + analysis.at("/split/observed/v2").asLong())
                .as("only the requests sent after the change").isEqualTo(1_500);
        long perVersion = 0;
        for (JsonNode version : analysis.path("versions")) {
            perVersion += version.path("requests").asLong();
        }
        assertThat(perVersion).as("the per-version metrics cover the whole window").isEqualTo(3_000);
    }

    @Test
    void dependenciesHaveOneLinkPerServicePairAsZipkinsLinkerCountsThem() throws Exception {
        String namespace = namespace();
        long start = (System.currentTimeMillis() - 30_000) * 1000;
        List<Span> spans = new BookinfoTraffic(13, namespace).requests(400, 0.5, 0.1, start);
        post(spans);
        DependencyLinker linker = new DependencyLinker();
        spans.stream().collect(Collectors.groupingBy(Span::traceId)).values().forEach(linker::putTrace);
        List<String> expected = linker.link().stream().map(TrafficMetricsTest::describe).sorted().toList();
        assertThat(expected).as("Zipkin's own linker: productpage -> reviews once, whatever the version")
                .anyMatch(link -> link.startsWith("productpage." + namespace + " -> reviews." + namespace + " "));

        String window = "endTs=" + System.currentTimeMillis() + "&lookback=600000";
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            List<DependencyLink> links = DependencyLinkBytesDecoder.JSON_V1.decodeList(given()
                    .get("/api/v2/dependencies?" + window).then().statusCode(200).extract().asByteArray());
            assertThat(links.stream().filter(link -> link.child().endsWith("." + namespace))
                    .map(TrafficMetricsTest::describe).sorted().toList()).isEqualTo(expected);
        });
        JsonNode jaeger = json.readTree(given().get("/api/dependencies?" + window).then().statusCode(200).extract()
                .asString());
        List<String> jaegerLinks = new ArrayList<>();
        jaeger.path("data").forEach(link -> {
            if (link.path("child").asText().endsWith("." + namespace)) {
                jaegerLinks.add(link.path("parent").asText() + " -> " + link.path("child").asText() + " "
                        + link.path("callCount").asLong());
            }
        });
        assertThat(jaegerLinks.stream().sorted().toList()).isEqualTo(expected.stream()
                .map(link -> link.substring(0, link.lastIndexOf(' '))).toList());
    }

    private static String describe(DependencyLink link) {
        return link.parent() + " -> " + link.child() + " " + link.callCount() + " " + link.errorCount();
    }

    @Test
    void comparesTheObservedSplitWithTheWeightsApplied() throws Exception {
        String namespace = namespace();
        announce(namespace, "matching", 70);
        BookinfoTraffic traffic = new BookinfoTraffic(3, namespace);
        post(traffic.requests(1_000, 0.3, 0.0, (System.currentTimeMillis() - 30_000) * 1000));
        awaitVerdict(namespace, "matching", "MATCHES");
        Instant counted = Instant.now();

        String skewed = namespace();
        announce(skewed, "skewed", 70);
        post(new BookinfoTraffic(5, skewed).requests(1_000, 0.5, 0.0, (System.currentTimeMillis() - 30_000) * 1000));
        JsonNode comparison = awaitVerdict(skewed, "skewed", "DOES_NOT_MATCH");
        assertThat(comparison.at("/analysis/split/pValue").asDouble()).isLessThan(0.01);
        assertThat(comparison.at("/analysis/versions/1/role").asText()).isEqualTo("candidate");

        String young = namespace();
        announce(young, "young", 95);
        post(new BookinfoTraffic(9, young).requests(20, 0.05, 0.0, (System.currentTimeMillis() - 10_000) * 1000));
        awaitVerdict(young, "young", "NOT_ENOUGH_REQUESTS");

        try (TopicReader analysis = new TopicReader(SharedKafka.broker().bootstrapServers(), Topics.ANALYSIS)) {
            String subject = CloudEvent.subject(namespace, "matching");
            CloudEvent snapshot = codec.read(analysis.await(r -> r.value().contains("\"" + subject + "\"")
                    && snapshotEnd(r.value()).isAfter(counted), 1, Duration.ofSeconds(30)).get(0).value());
            assertThat(snapshot.type()).isEqualTo(EventTypes.ANALYSIS_SNAPSHOT);
            assertThat(snapshot.data().at("/split/verdict").asText()).isEqualTo("MATCHES");
        }
    }

    /** Snapshots published before all the traffic was in may rightly say NOT_ENOUGH_REQUESTS. */
    private Instant snapshotEnd(String event) {
        return Instant.parse(codec.read(event).data().path("to").asText());
    }

    private JsonNode awaitVerdict(String namespace, String name, String verdict) {
        String path = "/api/v1/namespaces/" + namespace + "/releases/" + name + "/comparison?window=5m";
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(json.readTree(given().get(path).then()
                .statusCode(200).extract().asString()).at("/analysis/split/verdict").asText()).isEqualTo(verdict));
        try {
            return json.readTree(given().get(path).then().extract().asString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Generation 1 of a release at these weights, applied two minutes ago (before any traffic of the test). */
    private void announce(String namespace, String name, int baselineWeight) {
        announce(namespace, name, 1, baselineWeight, Instant.now().minusSeconds(120));
    }

    /** Publishes the release and traffic-service's report of its weights applied at {@code appliedAt}. */
    private void announce(String namespace, String name, long generation, int baselineWeight, Instant appliedAt) {
        DesiredRelease release = new DesiredRelease(namespace, name, Strategy.CANARY, "reviews", new Baseline("v1"),
                new Candidate("v2", "reviews:2", 1, null), null, new TrafficPolicy(Map.of("v1", baselineWeight, "v2",
                        100 - baselineWeight), null, null, null), Intent.SPLIT, null, generation, null);
        try (TopicWriter writer = new TopicWriter(SharedKafka.broker().bootstrapServers())) {
            String key = Topics.recordKey(namespace, "reviews");
            writer.send(Topics.RELEASES, key, codec.write(codec.create(Producers.RELEASE_SERVICE, EventTypes.RELEASE_CREATED,
                    CloudEvent.subject(namespace, name), release)), Map.of("content-type", CloudEvent.CONTENT_TYPE));
            CloudEvent applied = codec.create(Producers.TRAFFIC_SERVICE, EventTypes.TRAFFIC_APPLIED, CloudEvent.subject(namespace, name),
                    new TrafficApplied(namespace, name, generation, new AppliedRoutes(release.traffic().weights(), null,
                            null, null), List.of(), List.of(), List.of()));
            CloudEvent at = new CloudEvent(applied.specversion(), applied.id(), applied.source(), applied.type(),
                    applied.subject(), appliedAt.atOffset(ZoneOffset.UTC), applied.datacontenttype(),
                    applied.dataschema(), applied.data(), null, null);
            writer.send(Topics.TRAFFIC, key, codec.write(at), Map.of("content-type", CloudEvent.CONTENT_TYPE));
        }
    }

    private static void post(List<Span> spans) {
        for (int from = 0; from < spans.size(); from += 400) {
            Ingest.given().contentType(ContentType.JSON)
                    .body(SpanBytesEncoder.JSON_V2.encodeList(spans.subList(from, Math.min(spans.size(), from + 400))))
                    .post("/api/v2/spans").then().statusCode(202);
        }
    }

    private static String label(JsonNode node) {
        return node.path("app").asText() + ":" + node.path("version").asText();
    }

    private static double quantile(List<Long> values, double q) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get((int) Math.max(0, Math.ceil(q * sorted.size()) - 1));
    }

    private static String namespace() {
        return "t-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Publishes snapshots every second and pairs calls quickly. */
    public static class FastAnalysis implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("graylane.analysis.interval", "1s");
        }
    }
}
