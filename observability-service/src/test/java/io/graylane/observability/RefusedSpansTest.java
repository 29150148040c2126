package io.graylane.observability;

import static io.graylane.infra.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.graylane.infra.IssuerResource;
import io.graylane.infra.KafkaResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import zipkin2.Endpoint;
import zipkin2.Span;
import zipkin2.codec.SpanBytesEncoder;

/** Zipkin's protocol has no partial answer: a span outside the time bounds is answered 202, never stored, counted. */
@QuarkusTest
@WithTestResource(IssuerResource.class)
@WithTestResource(KafkaResource.class)
class RefusedSpansTest {

    private static final Pattern REFUSED = Pattern.compile(
            "graylane_spans_refused_total\\{[^}]*reason=\"timestamp\"[^}]*} ([0-9.E]+)");

    @Test
    void aZipkinSpanOutsideTheRetentionIsAcceptedNotStoredAndCounted() {
        double before = refused();
        long now = System.currentTimeMillis();
        Span fresh = span("00000000000000000000000000f0e5a1", now - 1_000);
        Span stale = span("00000000000000000000000000f0e5a2", now - 2 * 3_600_000);
        Span ahead = span("00000000000000000000000000f0e5a3", now + 3_600_000);

        Ingest.given().contentType(ContentType.JSON).body(SpanBytesEncoder.JSON_V2.encodeList(List.of(fresh, stale, ahead)))
                .post("/api/v2/spans").then().statusCode(202);

        given().get("/api/v2/trace/" + fresh.traceId()).then().statusCode(200);
        given().get("/api/v2/trace/" + stale.traceId()).then().statusCode(404);
        given().get("/api/v2/trace/" + ahead.traceId()).then().statusCode(404);
        assertThat(refused() - before).isEqualTo(2.0);
    }

    @Test
    void aSpanWithAnIdOfZerosIsRefusedSoThatItsTraceStaysReadable() {
        // Found by FuzzTest: stored, such a span could not be read back and every search meeting it failed (500).
        long now = System.currentTimeMillis();
        Span fine = span("00000000000000000000000000f0e5b1", now - 1_000).toBuilder().id("00000000000000b2").build();
        // Zipkin's JSON reader takes "id": 0 as an id of zeros, which its builder and proto3 reader refuse.
        String zeros = new String(SpanBytesEncoder.JSON_V2.encode(fine)).replace("\"00000000000000b2\"", "0");
        Ingest.given().contentType(ContentType.JSON).body("[" + zeros + ","
                + new String(SpanBytesEncoder.JSON_V2.encode(fine)) + "]").post("/api/v2/spans").then().statusCode(202);

        given().get("/api/v2/trace/" + fine.traceId()).then().statusCode(200).body("size()", equalTo(1))
                .body("[0].id", equalTo("00000000000000b2"));
        given().get("/api/v2/traces?serviceName=reviews.refused").then().statusCode(200);
        String metrics = given().get("/q/metrics").then().extract().asString();
        assertThat(metrics).containsPattern("graylane_spans_refused_total\\{[^}]*reason=\"id\"[^}]*} [1-9]");
    }

    private static double refused() {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher matcher = REFUSED.matcher(metrics);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }

    private static Span span(String traceId, long millis) {
        return Span.newBuilder().traceId(traceId).id(traceId.substring(16))
                .name("reviews.refused.svc.cluster.local:9080/*")
                .kind(Span.Kind.SERVER).timestamp(millis * 1_000).duration(1_000)
                .localEndpoint(Endpoint.newBuilder().serviceName("reviews.refused").build()).build();
    }
}
