package io.graylane.infra;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A real Prometheus server (the {@code prometheus} binary on the PATH, Debian's package {@code prometheus}) on
 * the loopback interface, scraping the given targets every {@code scrapeInterval}, its data in a directory of
 * its own. It stops with {@link #close()}, or when this JVM is gone however it ended.
 */
public final class PrometheusServer implements AutoCloseable {

    /** How to get the binary, for the messages of whoever cannot find it. */
    public static final String HOW_TO_INSTALL = "apt-get install -y prometheus (Debian's package)";

    private final Process process;
    private final URI url;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private PrometheusServer(Process process, URI url) {
        this.process = process;
        this.url = url;
    }

    /** The {@code prometheus} binary on the PATH, if there is one. */
    public static Optional<Path> binary() {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.of(path.split(File.pathSeparator)).map(dir -> Path.of(dir, "prometheus"))
                .filter(Files::isExecutable).findFirst();
    }

    /**
     * Starts Prometheus scraping {@code metricsPath} of each {@code host:port} target and waits until it is
     * ready.
     */
    public static PrometheusServer start(Path dataDirectory, List<String> targets, String metricsPath,
            Duration scrapeInterval) {
        return start(dataDirectory, config(scrapeInterval, """
                    metrics_path: %s
                    static_configs:
                      - targets: [%s]
                """.formatted(metricsPath, targets.stream().map(t -> "'" + t + "'")
                .collect(Collectors.joining(", ")))));
    }

    /**
     * Starts Prometheus scraping the targets an HTTP service discovery endpoint names ({@code http_sd_configs},
     * asked again every scrape interval), with the labels it gives them, and waits until it is ready.
     */
    public static PrometheusServer discovering(Path dataDirectory, URI discovery, Duration scrapeInterval) {
        return start(dataDirectory, config(scrapeInterval, """
                    http_sd_configs:
                      - url: '%s'
                        refresh_interval: %s
                """.formatted(discovery, scrapeInterval.toMillis() + "ms")));
    }

    private static PrometheusServer start(Path dataDirectory, String config) {
        Path binary = binary().orElseThrow(() -> new IllegalStateException(
                "no prometheus binary on the PATH; install it: " + HOW_TO_INSTALL));
        int port = FreePort.find();
        try {
            Files.createDirectories(dataDirectory);
            Path configFile = dataDirectory.resolve("prometheus.yml");
            Files.writeString(configFile, config);
            Process process = new ProcessBuilder(binary.toString(), "--config.file=" + configFile,
                    "--storage.tsdb.path=" + dataDirectory.resolve("data"),
                    "--web.listen-address=127.0.0.1:" + port, "--log.level=warn")
                    .redirectErrorStream(true)
                    .redirectOutput(dataDirectory.resolve("prometheus.log").toFile())
                    .start();
            Reaper.afterThisProcess("kill " + process.pid() + " 2>/dev/null");
            PrometheusServer server = new PrometheusServer(process, URI.create("http://127.0.0.1:" + port));
            if (!HttpReady.await(process, server.url.resolve("/-/ready"), Duration.ofSeconds(30))) {
                server.close();
                throw new IllegalStateException("prometheus " + (process.isAlive() ? "not ready within 30 s"
                        : "exited") + ": " + Files.readString(dataDirectory.resolve("prometheus.log")));
            }
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start prometheus", e);
        }
    }

    /** One scrape job, {@code graylane}, every {@code scrapeInterval}, its targets as {@code targets} says. */
    static String config(Duration scrapeInterval, String targets) {
        String interval = scrapeInterval.toMillis() + "ms";
        return """
                global:
                  scrape_interval: %s
                  evaluation_interval: %s
                scrape_configs:
                  - job_name: graylane
                %s""".formatted(interval, interval, targets);
    }

    public URI url() {
        return url;
    }

    /** The answer of {@code /api/v1/query} for {@code promql}, as Prometheus wrote it (JSON). */
    public String query(String promql) {
        return get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
    }

    /** The answer of {@code /api/v1/query} for {@code promql} evaluated at {@code epochMillis}. */
    public String query(String promql, long epochMillis) {
        return get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8) + "&time="
                + epochMillis / 1000 + "." + String.format("%03d", epochMillis % 1000));
    }

    private String get(String pathAndQuery) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(url.resolve(pathAndQuery))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("prometheus answered " + response.statusCode() + ": "
                        + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
