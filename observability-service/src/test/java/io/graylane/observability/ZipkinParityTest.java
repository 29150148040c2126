package io.graylane.observability;

import static io.graylane.infra.Api.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.graylane.infra.IssuerResource;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.graylane.infra.KafkaResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real Istio Bookinfo trace, answered as a real Zipkin 3.6.1 server answered for it. */
@QuarkusTest
@WithTestResource(IssuerResource.class)
@TestProfile(ZipkinParityTest.OnlyThisTrace.class)
@WithTestResource(KafkaResource.class)
class ZipkinParityTest {

    private static final String TRACE_ID = "3ba55609c3cde49649cd77d1f9dcd936";
    private static final String WINDOW = "endTs=1701779877000&lookback=3600000";
    private final ObjectMapper json = new ObjectMapper();

    private static boolean posted;

    @BeforeEach
    void postTheTraceOnce() throws IOException {
        if (posted) {
            return;
        }
        posted = true;
        Ingest.given().contentType(ContentType.JSON).body(resource("bookinfo-trace-zipkin-v2.json"))
                .post("/api/v2/spans").then().statusCode(202);
    }

    @Test
    void servicesAsZipkin() throws IOException {
        assertSameAsZipkin("/api/v2/services", "GET_api_v2_services.json");
    }

    @Test
    void spanNamesAsZipkin() throws IOException {
        assertSameAsZipkin("/api/v2/spans?serviceName=productpage.bookinfo", "GET_api_v2_spans_productpage.json");
    }

    @Test
    void traceByIdAsZipkin() throws IOException {
        assertSameAsZipkin("/api/v2/trace/" + TRACE_ID, "GET_api_v2_trace_by_id.json");
    }

    @Test
    void traceSearchesAsZipkin() throws IOException {
        assertSameAsZipkin("/api/v2/traces?serviceName=reviews.bookinfo&" + WINDOW, "GET_api_v2_traces_reviews.json");
        assertSameAsZipkin("/api/v2/traces?serviceName=reviews.bookinfo&minDuration=3000&" + WINDOW,
                "GET_api_v2_traces_minDuration3000_reviews.json");
        assertSameAsZipkin("/api/v2/traces?annotationQuery=istio.canonical_revision%3Dv2&" + WINDOW,
                "GET_api_v2_traces_annotationQuery_v2.json");
    }

    @Test
    void dependenciesAsZipkin() throws IOException {
        assertSameAsZipkin("/api/v2/dependencies?" + WINDOW, "GET_api_v2_dependencies.json");
    }

    @Test
    void theGraphHasZipkinsEdges() throws IOException {
        // The graph counts whole 10 s buckets: its end is the end of the bucket the trace fell in.
        JsonNode graph = json.readTree(given().get("/api/v1/namespaces/bookinfo/graph?window=1h&end=1701779880000")
                .then().statusCode(200).extract().asByteArray());
        java.util.Map<String, String> names = new java.util.HashMap<>();
        graph.at("/elements/nodes").forEach(n -> names.put(n.at("/data/id").asText(),
                n.at("/data/app").asText() + "." + n.at("/data/namespace").asText()));
        java.util.Set<String> edges = new java.util.TreeSet<>();
        graph.at("/elements/edges").forEach(e -> edges.add(names.get(e.at("/data/source").asText()) + " -> "
                + names.get(e.at("/data/target").asText())));
        java.util.Set<String> zipkin = new java.util.TreeSet<>();
        json.readTree(resource("zipkin-3.6.1-responses/GET_api_v2_dependencies.json")).forEach(link ->
                zipkin.add(link.path("parent").asText() + " -> " + link.path("child").asText()));
        assertThat(edges).isEqualTo(zipkin);
    }

    @Test
    void jaegerTellsTheVersionAndPodOfEachSpan() throws IOException {
        JsonNode trace = json.readTree(given().get("/api/traces/" + TRACE_ID).then().statusCode(200).extract()
                .asByteArray()).at("/data/0");
        assertThat(trace.path("spans")).hasSize(8);
        JsonNode reviews = null;
        for (JsonNode span : trace.path("spans")) {
            if (span.path("spanID").asText().equals("77191048cb7dadc4")) {
                reviews = trace.path("processes").path(span.path("processID").asText());
            }
        }
        assertThat(reviews.path("serviceName").asText()).isEqualTo("reviews.bookinfo");
        assertThat(reviews.path("tags").toString()).contains("\"version\"", "\"v2\"",
                "reviews-v2-6f76498fc8-58wpn");
        given().get("/api/traces?service=reviews.bookinfo&start=1701779870000000&end=1701779880000000").then()
                .statusCode(200).body("data.size()", org.hamcrest.Matchers.equalTo(1));
        given().get("/api/traces/0123456789abcdef0123456789abcdef").then().statusCode(404)
                .body("errors[0].code", org.hamcrest.Matchers.equalTo(404))
                .body("data", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void anUnknownTraceIsNotFound() {
        given().get("/api/v2/trace/0123456789abcdef0123456789abcdef").then().statusCode(404)
                .contentType("application/problem+json");
    }

    private void assertSameAsZipkin(String path, String recorded) throws IOException {
        JsonNode ours = json.readTree(given().urlEncodingEnabled(false).get(path).then().statusCode(200).extract()
                .asByteArray());
        assertThat(ours).as(path).isEqualTo(json.readTree(resource("zipkin-3.6.1-responses/" + recorded)));
    }

    /**
     * A store of its own: these answers are for this one trace, recorded in 2023; a retention that reaches back
     * to it (spans older than the retention are refused).
     */
    public static class OnlyThisTrace implements QuarkusTestProfile {
        @Override
        public java.util.Map<String, String> getConfigOverrides() {
            return java.util.Map.of("graylane.store.max-age", "3650d");
        }
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = ZipkinParityTest.class.getResourceAsStream("/zipkin/" + name)) {
            return in.readAllBytes();
        }
    }
}
