package io.graylane.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.graylane.infra.SharedIssuer;
import io.graylane.infra.FreePort;
import io.graylane.infra.PostgresServer;
import io.graylane.infra.PrometheusServer;
import io.graylane.infra.SharedKafka;
import io.graylane.infra.SharedPostgres;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code ./graylane demo} as a user runs it after {@code ./graylane up}: the local Kubernetes stand-in, the four
 * services and the command line, each a process of its own, sharing only Kafka and PostgreSQL. Runs in a JVM
 * of its own (see the pom): its services must not meet the other end-to-end tests' services on Kafka.
 */
class DemoTest {

    private static final Map<String, String> CLI_ENVIRONMENT = new HashMap<>();

    @BeforeAll
    static void startTheSuite() throws IOException {
        String kafka = SharedKafka.broker().bootstrapServers();
        ServiceProcess standIn = ServiceProcess.kubeStandIn(FreePort.find()).start();
        Map<String, String> common = Map.of("GRAYLANE_KAFKA_BOOTSTRAP", kafka,
                "QUARKUS_KUBERNETES_CLIENT_API_SERVER_URL", standIn.url());
        ServiceProcess release = new ServiceProcess("release-service", FreePort.find(), Map.of(
                "GRAYLANE_DB_URL", SharedPostgres.jdbcUrl(), "GRAYLANE_DB_USER", PostgresServer.USER,
                "GRAYLANE_KAFKA_BOOTSTRAP", kafka)).start();
        ServiceProcess traffic = new ServiceProcess("traffic-service", FreePort.find(), common).start();
        int bookinfoPort = FreePort.find();
        Map<String, String> metrics = new HashMap<>(common);
        // As ./graylane up: Istio's metrics from a real Prometheus scraping the simulated sidecars, when there is one.
        if (PrometheusServer.binary().isPresent()) {
            PrometheusServer prometheus = PrometheusServer.discovering(Files.createTempDirectory("prometheus-"),
                    URI.create("http://127.0.0.1:" + bookinfoPort + "/stats/targets"), Duration.ofSeconds(2));
            Runtime.getRuntime().addShutdownHook(new Thread(prometheus::close));
            metrics.put("GRAYLANE_PROMETHEUS_URL", prometheus.url().toString());
            metrics.put("GRAYLANE_METRICS_SOURCE", "prometheus");
        } else {
            System.err.println("\n*** DemoTest runs on the traces source: no prometheus binary on the PATH ("
                    + PrometheusServer.HOW_TO_INSTALL + "), unlike ./graylane up where one is ***\n");
        }
        ServiceProcess observability = new ServiceProcess("observability-service", FreePort.find(), metrics).start();
        Map<String, String> deployer = new HashMap<>(common);
        deployer.put("GRAYLANE_TRAFFIC_MODE", "simulated");
        deployer.put("GRAYLANE_TRAFFIC_OBSERVABILITY_URL", observability.ingestUrl());
        ServiceProcess bookinfo = new ServiceProcess("bookinfo-deployer", bookinfoPort, deployer).start();
        CLI_ENVIRONMENT.putAll(Map.of("GRAYLANE_RELEASE_URL", release.url(), "GRAYLANE_TRAFFIC_URL", traffic.url(),
                "GRAYLANE_OBSERVABILITY_URL", observability.url(), "GRAYLANE_BOOKINFO_URL", bookinfo.url()));
    }

    @Test
    void playsTheTutorialAndChecksEveryStep() throws Exception {
        // A seed, so that the simulated split is not judged a mismatch in the 1% of runs where chance says so.
        Run demo = cli("demo", "-n", "demo-project", "--seed", "7");

        assertThat(demo.exitCode()).as(demo.output()).isZero();
        assertThat(demo.output()).contains("== Step 9: Job offline ==",
                "OK  the observed split MATCHES the 70/30 weights",
                "OK  the graph has productpage -> details, productpage -> reviews v1 and v2, reviews v2 -> ratings",
                "OK  the observed split is 100% v2",
                "OK  reviews-v1 is gone, reviews-v2 stays",
                "The tutorial is done: every step reached the state it should.");
        assertThat(demo.output().lines().filter(line -> line.startsWith("  OK  "))).hasSizeGreaterThanOrEqualTo(17);

        Run again = cli("demo", "-n", "demo-project");
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.output()).contains("already holds the release canary-release (phase Completed)");

        Run status = cli("bookinfo", "status", "-n", "demo-project");
        assertThat(status.exitCode()).isZero();
        assertThat(status.output()).contains("READY").contains("reviews-v2").doesNotContain("reviews-v1");

        Run missing = cli("bookinfo", "status");
        assertThat(missing.exitCode()).as("a usage error").isEqualTo(2);
        assertThat(missing.output()).contains("Missing required option: '--namespace=<namespace>'")
                .contains("Usage: graylane bookinfo status");

        Run notDeployed = cli("bookinfo", "status", "-n", "nothing-here");
        assertThat(notDeployed.exitCode()).isEqualTo(1);
        assertThat(notDeployed.output()).contains("404");
    }

    private record Run(int exitCode, String output) {
    }

    /** Runs {@code ./graylane ARGUMENTS} as the launcher does; its output is kept in target/e2e-logs. */
    private static Run cli(String... arguments) throws IOException, InterruptedException {
        Path log = Path.of("target", "e2e-logs", "graylane-" + String.join("-", arguments) + ".log");
        Files.createDirectories(log.getParent());
        List<String> command = new java.util.ArrayList<>(List.of(ServiceProcess.java(), "-cp",
                ServiceProcess.launcherClasspath("graylane-cli"), "io.graylane.cli.Main"));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(CLI_ENVIRONMENT);
        builder.environment().put("GRAYLANE_TOKEN", SharedIssuer.admin());
        Process process = builder.start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("the command line did not finish within 5 minutes:\n" + Files.readString(log));
        }
        return new Run(process.exitValue(), Files.readString(log));
    }
}
