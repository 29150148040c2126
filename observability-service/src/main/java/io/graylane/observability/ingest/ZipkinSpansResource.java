package io.graylane.observability.ingest;

import io.graylane.rest.auth.OpenEndpoint;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import zipkin2.Span;
import zipkin2.codec.SpanBytesDecoder;

/**
 * Zipkin's collector endpoint, as Istio's Envoy posts to it: v2 JSON or proto3; 202 once stored. Zipkin's
 * protocol has no partial answer: spans refused for their timestamps are counted and logged by
 * {@link SpanIngest}.
 */
@OpenEndpoint("span ingest: Envoy's Zipkin tracer sends spans without credentials")
@Path("/api/v2")
public class ZipkinSpansResource {

    private final SpanIngest ingest;
    private final IngestGate gate;

    ZipkinSpansResource(SpanIngest ingest, IngestGate gate) {
        this.ingest = ingest;
        this.gate = gate;
    }

    @POST
    @Path("spans")
    @Consumes({"application/json", "application/x-protobuf", "*/*"})
    @Operation(summary = "Zipkin v2 spans (JSON list or proto3 ListOfSpans); 202 once stored")
    public Response post(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, InputStream body) {
        return gate.admit(body, bytes -> {
            ingest.accept(decode(contentType, bytes));
            return Response.accepted().build();
        });
    }

    static List<Span> decode(String contentType, byte[] body) {
        boolean proto = contentType != null && contentType.startsWith("application/x-protobuf");
        try {
            return proto ? SpanBytesDecoder.PROTO3.decodeList(body) : SpanBytesDecoder.JSON_V2.decodeList(body);
        } catch (IllegalArgumentException e) {
            throw new UnreadableSpans((proto ? "proto3 " : "JSON ") + "spans: " + e.getMessage(), e);
        }
    }
}
