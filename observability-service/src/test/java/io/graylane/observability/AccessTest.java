package io.graylane.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.graylane.events.access.Role;
import io.graylane.infra.AccessMatrix;
import io.graylane.infra.IssuerResource;
import io.graylane.infra.KafkaResource;
import io.graylane.infra.SharedIssuer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.util.List;
import org.junit.jupiter.api.Test;
import zipkin2.Endpoint;
import zipkin2.Span;
import zipkin2.codec.SpanBytesEncoder;

/**
 * Who may call observability-service: every API but span ingest needs a token; the Zipkin and Jaeger read
 * APIs answer with the spans of the namespaces the caller may read.
 */
@QuarkusTest
@WithTestResource(IssuerResource.class)
@WithTestResource(KafkaResource.class)
class AccessTest {

    @Test
    void everyEndpointButSpanIngestRefusesWhoMayNotCallIt() {
        int calls = AccessMatrix.check(AccessMatrix.operations(
                operation -> operation.equals("POST /api/v2/spans") || operation.equals("POST /v1/traces")));
        assertThat(calls).as("Zipkin's 7, Jaeger's 6 and 3 namespaced operations x 7 callers")
                .isGreaterThanOrEqualTo(16 * 7);
    }

    @Test
    void spanIngestNeedsNoTokenAndHasAPortOfItsOwn() {
        Ingest.given().contentType(ContentType.JSON).body("[]").post("/api/v2/spans").then().statusCode(202);
        RestAssured.given().contentType(ContentType.JSON).body("[]").post("/api/v2/spans").then().statusCode(404)
                .contentType("application/problem+json").body("detail", containsString("port " + Ingest.port()));
        Ingest.given().auth().oauth2(SharedIssuer.admin()).get("/api/v2/services").then().statusCode(404)
                .body("detail", containsString("takes spans only"));
    }

    @Test
    void traceReadsAnswerOnlyWithSpansOfNamespacesTheCallerMayRead() {
        long now = System.currentTimeMillis() * 1000;
        String traceId = "0000000000000000000000000acce551";
        Span front = span(traceId, "00000000000000a1", null, "productpage.shop-front", now);
        Span back = span(traceId, "00000000000000a2", "00000000000000a1", "ratings.shop-back", now + 10);
        Ingest.given().contentType(ContentType.JSON)
                .body(SpanBytesEncoder.JSON_V2.encodeList(List.of(front, back))).post("/api/v2/spans").then()
                .statusCode(202);
        String viewer = SharedIssuer.token("vera", Role.VIEWER, "shop-front");
        String outsider = SharedIssuer.token("mallory", Role.OPERATOR, "elsewhere");

        RestAssured.given().auth().oauth2(SharedIssuer.admin()).get("/api/v2/trace/" + traceId).then()
                .statusCode(200).body("size()", equalTo(2));
        RestAssured.given().auth().oauth2(viewer).get("/api/v2/trace/" + traceId).then().statusCode(200)
                .body("size()", equalTo(1)).body("[0].localEndpoint.serviceName", equalTo("productpage.shop-front"));
        RestAssured.given().auth().oauth2(viewer).get("/api/v2/services").then().statusCode(200)
                .body("", hasItem("productpage.shop-front")).body("", not(hasItem("ratings.shop-back")));
        RestAssured.given().auth().oauth2(viewer).get("/api/traces/" + traceId).then().statusCode(200)
                .body("data[0].spans.size()", equalTo(1));
        RestAssured.given().auth().oauth2(outsider).get("/api/v2/trace/" + traceId).then().statusCode(404);
        RestAssured.given().auth().oauth2(outsider).get("/api/traces/" + traceId).then().statusCode(404);
        RestAssured.given().auth().oauth2(outsider).get("/api/v2/traces?serviceName=productpage.shop-front")
                .then().statusCode(200).body("size()", equalTo(0));
    }

    private static Span span(String traceId, String id, String parent, String service, long micros) {
        return Span.newBuilder().traceId(traceId).id(id).parentId(parent).name("get").kind(Span.Kind.SERVER)
                .timestamp(micros).duration(1_000).localEndpoint(Endpoint.newBuilder().serviceName(service).build())
                .putTag("http.status_code", "200").build();
    }
}
