package io.graylane.observability;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.graylane.infra.KafkaResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real Istio Bookinfo trace, answered as a real Zipkin 3.6.1 server answered for it. */
@QuarkusTest
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
        given().contentType(ContentType.JSON).body(resource("bookinfo-trace-zipkin-v2.json"))
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
    void anUnknownTraceIsNotFound() {
        given().get("/api/v2/trace/0123456789abcdef0123456789abcdef").then().statusCode(404)
                .contentType("application/problem+json");
    }

    private void assertSameAsZipkin(String path, String recorded) throws IOException {
        JsonNode ours = json.readTree(given().urlEncodingEnabled(false).get(path).then().statusCode(200).extract()
                .asByteArray());
        assertThat(ours).as(path).isEqualTo(json.readTree(resource("zipkin-3.6.1-responses/" + recorded)));
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = ZipkinParityTest.class.getResourceAsStream("/zipkin/" + name)) {
            return in.readAllBytes();
        }
    }
}
