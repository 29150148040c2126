package io.graylane.observability;

import static io.graylane.infra.Api.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.graylane.infra.IssuerResource;
import io.graylane.infra.KafkaResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

/** OTLP/HTTP JSON as the specification writes it: hex ids, integer enums, and OTLP's answers. */
@QuarkusTest
@WithTestResource(IssuerResource.class)
@WithTestResource(KafkaResource.class)
class OtlpTest {

    /**
     * The real reviews span of the Bookinfo trace in OTLP/JSON (the example of FORMATS.md, by hand), moved to a
     * minute ago: spans older than the retention are refused. {@code %s} takes more spans.
     */
    private static final long START_NANOS = (System.currentTimeMillis() - 60_000) * 1_000_000L;
    private static final String REQUEST = """
            {"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"reviews.otlp"}}]},
             "scopeSpans":[{"scope":{},"spans":[{"traceId":"3ba55609c3cde49649cd77d1f9dcd937",
              "spanId":"77191048cb7dadc4","parentSpanId":"1210042c36f8be92","name":"reviews.otlp.svc.cluster.local:9080/*",
              "kind":2,"startTimeUnixNano":"START","endTimeUnixNano":"END",
              "attributes":[{"key":"http.status_code","value":{"stringValue":"200"}},
                            {"key":"istio.canonical_revision","value":{"stringValue":"v2"}},
                            {"key":"retries","value":{"intValue":"2"}}],"status":{"code":0}}%s]}]}]}
            """.replace("START", Long.toString(START_NANOS)).replace("END", Long.toString(START_NANOS + 2_242_000));

    @Test
    void storesJsonSpansAndAnswersAnEmptyObject() {
        Ingest.given().contentType(ContentType.JSON).body(REQUEST.formatted("")).post("/v1/traces").then()
                .statusCode(200).contentType("application/json").body("isEmpty()", equalTo(true));

        given().get("/api/v2/trace/3ba55609c3cde49649cd77d1f9dcd937").then().statusCode(200)
                .body("[0].kind", equalTo("SERVER"))
                .body("[0].duration", equalTo(2242))
                .body("[0].timestamp", equalTo(START_NANOS / 1_000))
                .body("[0].localEndpoint.serviceName", equalTo("reviews.otlp"))
                .body("[0].tags.retries", equalTo("2"));
    }

    @Test
    void rejectsSpansWithBadIdsOneByOne() {
        String bad = ",{\"traceId\":\"not-hex\",\"spanId\":\"1\",\"name\":\"bad\",\"kind\":3,"
                + "\"startTimeUnixNano\":\"1\",\"endTimeUnixNano\":\"2\"}";
        Ingest.given().contentType(ContentType.JSON).body(REQUEST.formatted(bad).replace("cd937", "cd938"))
                .post("/v1/traces").then()
                .statusCode(200)
                .body("partialSuccess.rejectedSpans", equalTo("1"));
        given().get("/api/v2/trace/3ba55609c3cde49649cd77d1f9dcd938").then().statusCode(200);
    }

    @Test
    void rejectsSpansWithoutIdsOneByOne() {
        // Found by FuzzTest: a span without traceId answered 500.
        String noTrace = ",{\"spanId\":\"77191048cb7dadc6\",\"name\":\"x\",\"kind\":2,"
                + "\"startTimeUnixNano\":\"1\",\"endTimeUnixNano\":\"2\"}";
        String noSpan = ",{\"traceId\":\"3ba55609c3cde49649cd77d1f9dcd93c\",\"name\":\"x\",\"kind\":2,"
                + "\"startTimeUnixNano\":\"1\",\"endTimeUnixNano\":\"2\"}";
        Ingest.given().contentType(ContentType.JSON).body(REQUEST.formatted(noTrace + noSpan)
                .replace("cd937", "cd93d")).post("/v1/traces").then()
                .statusCode(200)
                .body("partialSuccess.rejectedSpans", equalTo("2"))
                .body("partialSuccess.errorMessage", containsString("traceId is missing"));
        given().get("/api/v2/trace/3ba55609c3cde49649cd77d1f9dcd93d").then().statusCode(200);
    }

    @Test
    void rejectsSpansOutsideTheRetentionOneByOneAndSaysWhy() {
        long twoHoursAgo = START_NANOS - 7_200_000_000_000L;
        long anHourAhead = START_NANOS + 3_660_000_000_000L;
        String old = ",{\"traceId\":\"3ba55609c3cde49649cd77d1f9dcd93a\",\"spanId\":\"77191048cb7dadc5\","
                + "\"name\":\"old\",\"kind\":2,\"startTimeUnixNano\":\"" + twoHoursAgo + "\",\"endTimeUnixNano\":\""
                + (twoHoursAgo + 1_000) + "\"}";
        String ahead = old.replace("cd93a", "cd93b").replace(Long.toString(twoHoursAgo), Long.toString(anHourAhead));
        Ingest.given().contentType(ContentType.JSON).body(REQUEST.formatted(old + ahead).replace("cd937", "cd939"))
                .post("/v1/traces").then()
                .statusCode(200)
                .body("partialSuccess.rejectedSpans", equalTo("2"))
                .body("partialSuccess.errorMessage", containsString("older than the retention"));
        given().get("/api/v2/trace/3ba55609c3cde49649cd77d1f9dcd939").then().statusCode(200);
        given().get("/api/v2/trace/3ba55609c3cde49649cd77d1f9dcd93a").then().statusCode(404);
        given().get("/api/v2/trace/3ba55609c3cde49649cd77d1f9dcd93b").then().statusCode(404);
    }

    @Test
    void answersBadDataWith400() {
        Ingest.given().contentType(ContentType.JSON).body("{\"resourceSpans\": [").post("/v1/traces").then()
                .statusCode(400).contentType("application/problem+json");
        Ingest.given().contentType(ContentType.JSON).body(REQUEST.formatted("").replace("\"kind\":2", "\"kind\":\"SPAN_KIND_SERVER\""))
                .post("/v1/traces").then().statusCode(400).body("detail", org.hamcrest.Matchers.containsString("integer"));
        Ingest.given().contentType("application/x-protobuf").body(new byte[] {(byte) 0xff, 0x01, 0x02})
                .post("/v1/traces").then().statusCode(400);
    }
}
