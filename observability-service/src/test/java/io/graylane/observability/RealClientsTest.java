package io.graylane.observability;

import static io.graylane.infra.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;

import io.graylane.infra.IssuerResource;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.graylane.infra.KafkaResource;
import io.graylane.infra.ProcessClasspath;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import zipkin2.Endpoint;
import zipkin2.Span;
import zipkin2.reporter.AsyncReporter;
import zipkin2.reporter.urlconnection.URLConnectionSender;

/** Spans from the clients applications really use arrive and can be queried. */
@QuarkusTest
@WithTestResource(IssuerResource.class)
@WithTestResource(KafkaResource.class)
class RealClientsTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void zipkinReporterSpansArrive() throws Exception {
        Span span = Span.newBuilder().traceId("463ac35c9f6413ad48485a3953bb6124").id("48485a3953bb6124")
                .kind(Span.Kind.SERVER).name("get /details").timestamp(System.currentTimeMillis() * 1000)
                .duration(1234).localEndpoint(Endpoint.newBuilder().serviceName("details-reporter").build())
                .putTag("http.status_code", "200").build();
        try (URLConnectionSender sender = URLConnectionSender.create(Ingest.root() + "api/v2/spans");
                AsyncReporter<Span> reporter = AsyncReporter.create(sender)) {
            reporter.report(span);
            reporter.flush();
        }

        given().get("/api/v2/trace/463ac35c9f6413ad48485a3953bb6124").then().statusCode(200)
                .body("[0].localEndpoint.serviceName", org.hamcrest.Matchers.equalTo("details-reporter"));
        given().get("/api/v2/services").then().body("$", hasItem("details-reporter"));
    }

    @Test
    void openTelemetrySdkSpansArriveOverOtlp() throws Exception {
        Process client = new ProcessBuilder(ProcessClasspath.java(), "-cp",
                ProcessClasspath.of("io/graylane/otelclient/client.classpath"), "io.graylane.otelclient.SendTraces",
                Ingest.root() + "v1/traces", "ratings-otel", "3").redirectErrorStream(false).start();
        List<String> traceIds;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(client.getInputStream(),
                StandardCharsets.UTF_8))) {
            traceIds = out.lines().toList();
        }
        assertThat(client.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(client.exitValue()).as(new String(client.getErrorStream().readAllBytes())).isZero();
        assertThat(traceIds).hasSize(3);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                given().get("/api/v2/trace/" + traceIds.get(0)).then().statusCode(200));
        JsonNode trace = json.readTree(given().get("/api/v2/trace/" + traceIds.get(0)).then().extract().asString());
        assertThat(trace).hasSize(2);
        JsonNode clientSpan = trace.get(0).path("kind").asText().equals("CLIENT") ? trace.get(0) : trace.get(1);
        assertThat(clientSpan.path("localEndpoint").path("serviceName").asText()).isEqualTo("ratings-otel");
        assertThat(clientSpan.path("tags").path("error").asText()).isEqualTo("ratings unavailable");
        assertThat(clientSpan.path("annotations").get(0).path("value").asText()).isEqualTo("retrying");
        JsonNode jaeger = json.readTree(given().get("/api/traces/" + traceIds.get(1)).then().statusCode(200)
                .extract().asString());
        assertThat(jaeger.at("/data/0/spans")).hasSize(2);
        assertThat(jaeger.at("/data/0/processes/p1/serviceName").asText()).isEqualTo("ratings-otel");
    }
}
