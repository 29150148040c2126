package io.graylane.observability;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.graylane.infra.KafkaResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

/** OTLP/HTTP JSON as the specification writes it: hex ids, integer enums, and OTLP's answers. */
@QuarkusTest
@WithTestResource(KafkaResource.class)
class OtlpTest {

    /** The real reviews span of the Bookinfo trace in OTLP/JSON (the example of FORMATS.md, by hand). */
    private static final String REQUEST = """
            {"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"reviews.otlp"}}]},
             "scopeSpans":[{"scope":{},"spans":[{"traceId":"3ba55609c3cde49649cd77d1f9dcd937",
              "spanId":"77191048cb7dadc4","parentSpanId":"1210042c36f8be92","name":"reviews.otlp.svc.cluster.local:9080/*",
              "kind":2,"startTimeUnixNano":"1701779876578458000","endTimeUnixNano":"1701779876580700000",
              "attributes":[{"key":"http.status_code","value":{"stringValue":"200"}},
                            {"key":"istio.canonical_revision","value":{"stringValue":"v2"}},
                            {"key":"retries","value":{"intValue":"2"}}],"status":{"code":0}}%s]}]}]}
            """;

    @Test
    void storesJsonSpansAndAnswersAnEmptyObject() {
        given().contentType(ContentType.JSON).body(REQUEST.formatted("")).post("/v1/traces").then()
                .statusCode(200).contentType("application/json").body("isEmpty()", equalTo(true));

        given().get("/api/v2/trace/3ba55609c3cde49649cd77d1f9dcd937").then().statusCode(200)
                .body("[0].kind", equalTo("SERVER"))
                .body("[0].duration", equalTo(2242))
                .body("[0].timestamp", equalTo(1701779876578458L))
                .body("[0].localEndpoint.serviceName", equalTo("reviews.otlp"))
                .body("[0].tags.retries", equalTo("2"));
    }

    @Test
    void rejectsSpansWithBadIdsOneByOne() {
        String bad = ",{\"traceId\":\"not-hex\",\"spanId\":\"1\",\"name\":\"bad\",\"kind\":3,"
                + "\"startTimeUnixNano\":\"1\",\"endTimeUnixNano\":\"2\"}";
        given().contentType(ContentType.JSON).body(REQUEST.formatted(bad).replace("cd937", "cd938"))
                .post("/v1/traces").then()
                .statusCode(200)
                .body("partialSuccess.rejectedSpans", equalTo("1"));
        given().get("/api/v2/trace/3ba55609c3cde49649cd77d1f9dcd938").then().statusCode(200);
    }

    @Test
    void answersBadDataWith400() {
        given().contentType(ContentType.JSON).body("{\"resourceSpans\": [").post("/v1/traces").then()
                .statusCode(400).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(REQUEST.formatted("").replace("\"kind\":2", "\"kind\":\"SPAN_KIND_SERVER\""))
                .post("/v1/traces").then().statusCode(400).body("detail", org.hamcrest.Matchers.containsString("integer"));
        given().contentType("application/x-protobuf").body(new byte[] {(byte) 0xff, 0x01, 0x02})
                .post("/v1/traces").then().statusCode(400);
    }
}
