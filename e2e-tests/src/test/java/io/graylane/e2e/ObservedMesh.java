package io.graylane.e2e;

import static io.graylane.infra.Api.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.graylane.infra.FreePort;
import io.graylane.infra.PrometheusServer;
import io.graylane.infra.SharedKafka;
import io.restassured.http.ContentType;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * A simulated mesh as observability-service sees a real one: bookinfo-deployer's simulated sidecars scraped pod
 * by pod by a real Prometheus (HTTP service discovery), their spans sent to observability-service, which reads
 * its metrics from that Prometheus. Tests that need it abort loudly without a prometheus binary.
 */
final class ObservedMesh implements AutoCloseable {

    final PrometheusServer prometheus;
    final int observabilityPort = FreePort.find();
    final Map<String, String> observabilityEnvironment;
    ServiceProcess observability;
    final ServiceProcess bookinfo;

    private ObservedMesh(Suite suite, Map<String, String> observabilitySettings) throws Exception {
        int bookinfoPort = FreePort.find();
        prometheus = PrometheusServer.discovering(Files.createTempDirectory("prometheus-"),
                URI.create("http://127.0.0.1:" + bookinfoPort + "/stats/targets"), Duration.ofMillis(500));
        Map<String, String> environment = new HashMap<>(observabilitySettings);
        environment.put("GRAYLANE_KAFKA_BOOTSTRAP", SharedKafka.broker().bootstrapServers());
        environment.put("GRAYLANE_PROMETHEUS_URL", prometheus.url().toString());
        environment.put("GRAYLANE_METRICS_SOURCE", "prometheus");
        int ingestPort = FreePort.find();
        environment.put("GRAYLANE_INGEST_PORT", Integer.toString(ingestPort));
        observabilityEnvironment = Map.copyOf(environment);
        startObservability();
        bookinfo = new ServiceProcess("bookinfo-deployer", bookinfoPort, Map.of(
                "GRAYLANE_KAFKA_BOOTSTRAP", SharedKafka.broker().bootstrapServers(),
                "QUARKUS_KUBERNETES_CLIENT_API_SERVER_URL", suite.kubernetes.url(),
                "QUARKUS_KUBERNETES_CLIENT_TRUST_CERTS", "true",
                "GRAYLANE_TRAFFIC_MODE", "simulated",
                "GRAYLANE_TRAFFIC_OBSERVABILITY_URL", "http://127.0.0.1:" + ingestPort)).start();
    }

    /** Starts the mesh, or aborts the calling test class with a banner when no prometheus binary is installed. */
    static ObservedMesh start(Suite suite, String testClass, Map<String, String> observabilitySettings)
            throws Exception {
        if (PrometheusServer.binary().isEmpty()) {
            System.err.println("\n*** NOT RUN: " + testClass + " needs a real Prometheus; no prometheus binary on "
                    + "the PATH (" + PrometheusServer.HOW_TO_INSTALL + "; .ci/run installs it) ***\n");
            Assumptions.abort("no prometheus binary on the PATH: " + PrometheusServer.HOW_TO_INSTALL);
        }
        return new ObservedMesh(suite, observabilitySettings);
    }

    /** observability-service (again, after a stop or kill), on the same port. */
    void startObservability() {
        observability = new ServiceProcess("observability-service", observabilityPort, observabilityEnvironment)
                .start();
    }

    void deployBookinfo(String namespace) {
        deployBookinfo(namespace, "{}");
    }

    /** Deploys Bookinfo with bookinfo-deployer's options ({@code {"allVersions": true}}) and waits until ready. */
    void deployBookinfo(String namespace, String options) {
        given().contentType(ContentType.JSON).body(options).post(bookinfo.url() + "/api/v1/namespaces/" + namespace
                + "/bookinfo").then().statusCode(200);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get(bookinfo.url()
                + "/api/v1/namespaces/" + namespace + "/bookinfo").then().statusCode(200)
                .body("ready", equalTo(true)));
    }

    /** Starts a traffic run through the namespace's Bookinfo (the body of bookinfo-deployer's traffic API). */
    void startTraffic(String namespace, String body) {
        given().contentType(ContentType.JSON).body(body).post(trafficPath(namespace)).then().statusCode(201);
    }

    void stopTraffic(String namespace) {
        given().delete(trafficPath(namespace)).then().statusCode(200);
    }

    String trafficPath(String namespace) {
        return bookinfo.url() + "/api/v1/namespaces/" + namespace + "/bookinfo/traffic";
    }

    @Override
    public void close() throws InterruptedException {
        if (bookinfo != null) {
            bookinfo.stop();
        }
        if (observability != null) {
            observability.stop();
        }
        prometheus.close();
    }
}
