package io.graylane.otelclient;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.util.concurrent.TimeUnit;

/**
 * An application instrumented with the OpenTelemetry Java SDK, exporting over OTLP/HTTP (protobuf): sends
 * {@code count} traces of a SERVER span with a CLIENT child, the second of each pair failing, then prints the
 * trace ids, one per line.
 *
 * <p>Arguments: {@code <endpoint, e.g. http://127.0.0.1:8083/v1/traces> <service.name> <count>}.
 */
public final class SendTraces {

    private SendTraces() {
    }

    public static void main(String[] args) {
        OtlpHttpSpanExporter exporter = OtlpHttpSpanExporter.builder().setEndpoint(args[0]).build();
        SdkTracerProvider provider = SdkTracerProvider.builder()
                .setResource(Resource.getDefault().merge(Resource.create(Attributes.of(
                        AttributeKey.stringKey("service.name"), args[1]))))
                .addSpanProcessor(BatchSpanProcessor.builder(exporter).build())
                .build();
        Tracer tracer = provider.get("io.graylane.otelclient");
        for (int i = 0; i < Integer.parseInt(args[2]); i++) {
            Span server = tracer.spanBuilder("GET /reviews/" + i).setSpanKind(SpanKind.SERVER)
                    .setAttribute("http.status_code", 200).setAttribute("istio.canonical_revision", "v3").startSpan();
            try (Scope scope = server.makeCurrent()) {
                Span client = tracer.spanBuilder("GET /ratings").setSpanKind(SpanKind.CLIENT).startSpan();
                client.addEvent("retrying");
                client.setStatus(StatusCode.ERROR, "ratings unavailable");
                client.end();
            } finally {
                server.end();
            }
            System.out.println(server.getSpanContext().getTraceId());
        }
        provider.forceFlush().join(10, TimeUnit.SECONDS);
        provider.shutdown().join(10, TimeUnit.SECONDS);
    }
}
