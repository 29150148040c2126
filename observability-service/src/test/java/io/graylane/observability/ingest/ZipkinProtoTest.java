package io.graylane.observability.ingest;

import io.graylane.observability.Ingest;
import static io.graylane.infra.Api.given;
import static org.hamcrest.Matchers.equalTo;

import io.graylane.infra.IssuerResource;
import io.graylane.infra.KafkaResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import zipkin2.Endpoint;
import zipkin2.Span;
import zipkin2.codec.SpanBytesEncoder;

/** Zipkin proto3 bodies, as Envoy can send them, and the answers to what cannot be read. */
@QuarkusTest
@WithTestResource(IssuerResource.class)
@WithTestResource(KafkaResource.class)
class ZipkinProtoTest {

    @Test
    void storesProto3Spans() {
        Span span = Span.newBuilder().traceId("0af7651916cd43dd8448eb211c80319c").id("b7ad6b7169203331")
                .kind(Span.Kind.SERVER).name("get /proto").timestamp(System.currentTimeMillis() * 1_000).duration(42)
                .localEndpoint(Endpoint.newBuilder().serviceName("proto-service").build()).build();

        Ingest.given().contentType("application/x-protobuf").body(SpanBytesEncoder.PROTO3.encodeList(List.of(span)))
                .post("/api/v2/spans").then().statusCode(202);

        given().get("/api/v2/trace/0af7651916cd43dd8448eb211c80319c").then().statusCode(200)
                .body("[0].name", equalTo("get /proto"));
    }

    @Test
    void answersUnreadableSpansWith400() {
        Ingest.given().contentType("application/json").body("[{\"traceId\": \"xyz\", \"id\": \"1\"}]")
                .post("/api/v2/spans").then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("https://graylane.io/problems/invalid-spans"));
        Ingest.given().contentType("application/json").body("[]").post("/api/v2/spans").then().statusCode(202);
        Ingest.given().contentType("application/x-protobuf").body(new byte[] {0x0a, 0x7f}).post("/api/v2/spans").then()
                .statusCode(400);
    }
}
