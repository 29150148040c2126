package io.graylane.observability.ingest;

import io.graylane.rest.auth.OpenEndpoint;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import zipkin2.Span;

/**
 * OTLP/HTTP traces: protobuf or JSON in, the same content type out. Spans that cannot be read (bad ids) or whose
 * time lies outside {@link TimeBounds} are rejected one by one and counted in {@code partialSuccess} with the
 * first reason; the rest are stored.
 */
@OpenEndpoint("span ingest: Istio's sidecars and OTLP exporters send spans without credentials")
@Path("/v1/traces")
public class OtlpResource {

    private static final String PROTOBUF = "application/x-protobuf";

    private final SpanIngest ingest;
    private final IngestGate gate;

    OtlpResource(SpanIngest ingest, IngestGate gate) {
        this.ingest = ingest;
        this.gate = gate;
    }

    @POST
    @Consumes({PROTOBUF, "application/json"})
    @Operation(summary = "OTLP/HTTP ExportTraceServiceRequest, protobuf or JSON")
    public Response export(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, InputStream body) {
        boolean protobuf = contentType != null && contentType.startsWith(PROTOBUF);
        return gate.admit(body, bytes -> {
            List<OtlpSpan> received = protobuf ? OtlpDecoder.protobuf(bytes) : OtlpDecoder.json(bytes);
            List<Span> spans = new ArrayList<>(received.size());
            String firstError = null;
            for (OtlpSpan span : received) {
                try {
                    spans.add(span.toZipkin());
                } catch (IllegalArgumentException | NullPointerException e) {
                    // A span Zipkin's model cannot hold (a missing id, name or event): rejected on its own.
                    firstError = firstError != null ? firstError : "span " + span.spanId() + ": " + e.getMessage();
                }
            }
            SpanIngest.Refused refused = ingest.accept(spans);
            int rejected = received.size() - spans.size() + refused.count();
            String error = firstError != null ? firstError : refused.first();
            return protobuf ? protobufAnswer(rejected, error) : jsonAnswer(rejected, error);
        });
    }

    private static Response protobufAnswer(int rejected, String error) {
        ExportTraceServiceResponse.Builder response = ExportTraceServiceResponse.newBuilder();
        if (rejected > 0) {
            response.setPartialSuccess(ExportTracePartialSuccess.newBuilder().setRejectedSpans(rejected)
                    .setErrorMessage(error));
        }
        return Response.ok(response.build().toByteArray(), PROTOBUF).build();
    }

    private static Response jsonAnswer(int rejected, String error) {
        Map<String, Object> response = new LinkedHashMap<>();
        if (rejected > 0) {
            response.put("partialSuccess", Map.of("rejectedSpans", Integer.toString(rejected), "errorMessage", error));
        }
        return Response.ok(response, "application/json").build();
    }
}
