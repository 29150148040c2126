package io.graylane.observability.prometheus;

import com.sun.net.httpserver.HttpServer;
import io.graylane.infra.FreePort;
import io.graylane.infra.HttpReady;
import io.graylane.infra.PrometheusServer;
import io.graylane.infra.ProcessClasspath;
import io.graylane.observability.metrics.MetricsSource.Scope;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The prometheus source's answers for a namespace of 1,000 workloads (250 services, 4 versions each, each
 * service called by the one before it), against running the same PromQL directly: the overhead Graylane
 * adds (decoding, building the answer) to Prometheus' own time. A real Prometheus scrapes synthetic Istio
 * metrics (Istio's labels and buckets) every 5 s for 70 s first. Not part of {@code ./mvnw verify}; run it with
 * the command in docs/benchmarks.md.
 */
class PrometheusSourceBenchmark {

    private static final int SERVICES = 250;
    private static final int VERSIONS = 4;
    private static final double[] BUCKETS = {0.5, 1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000,
        60000, 300000, 600000, 1800000, 3600000};
    /** Share of a workload's requests under each bucket's bound: durations around 5-50 ms. */
    private static final double[] UNDER = {0, 0, 0.05, 0.3, 0.7, 0.95, 0.99, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};

    private final HttpClient http = HttpClient.newHttpClient();
    private final long started = System.currentTimeMillis();

    @Test
    void overheadOverPromqlRunDirectly() throws Exception {
        HttpServer sidecars = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        sidecars.createContext("/stats/prometheus", exchange -> {
            byte[] body = exposition((System.currentTimeMillis() - started) / 1000.0).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        sidecars.start();
        Path data = Files.createTempDirectory("prometheus-bench-");
        try (PrometheusServer prometheus = PrometheusServer.start(data,
                List.of("127.0.0.1:" + sidecars.getAddress().getPort()), "/stats/prometheus", Duration.ofSeconds(5))) {
            int port = FreePort.find();
            List<String> command = new ArrayList<>(List.of(ProcessClasspath.java(), "-Xmx1g"));
            // e.g. BENCH_JVM_ARGS=-XX:StartFlightRecording=filename=target/graylane.jfr to profile Graylane's side
            String jvmArgs = System.getenv().getOrDefault("BENCH_JVM_ARGS", "");
            if (!jvmArgs.isBlank()) {
                command.addAll(List.of(jvmArgs.trim().split("\\s+")));
            }
            command.addAll(List.of("-jar", "target/quarkus-app/quarkus-run.jar"));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(Path.of("target", "bench-prometheus-" + port + ".log").toFile());
            builder.environment().putAll(java.util.Map.of("QUARKUS_HTTP_PORT", Integer.toString(port),
                    "GRAYLANE_KAFKA_BOOTSTRAP", "127.0.0.1:1", "QUARKUS_LOG_CATEGORY__ORG_APACHE_KAFKA__LEVEL", "OFF",
                    "GRAYLANE_PROMETHEUS_URL", prometheus.url().toString(), "GRAYLANE_METRICS_SOURCE", "prometheus"));
            Process graylane = builder.start();
            try {
                String base = "http://127.0.0.1:" + port;
                HttpReady.await(graylane, URI.create(base + "/q/health/ready"), Duration.ofSeconds(60));
                System.out.println("scraping 70 s of 1,000 workloads ...");
                Thread.sleep(70_000);
                long end = System.currentTimeMillis() / 10_000 * 10_000;
                String series = prometheus.query("count({__name__=~\"istio_.*\"})");
                System.out.println("series in Prometheus: " + series.replaceAll(".*\"value\":\\[[^,]*,\"(\\d+)\".*", "$1"));
                String range = "60s";
                Scope namespace = Scope.namespace("bench");
                Scope service = Scope.service("bench", "s100");
                List<String> graphQueries = List.of(IstioQueries.received(namespace, range),
                        IstioQueries.pods(namespace, range), IstioQueries.calls(namespace, range),
                        IstioQueries.callP95(namespace, range));
                List<String> metricsQueries = List.of(IstioQueries.received(service, range),
                        IstioQueries.receivedBuckets(service, range), IstioQueries.receivedDurations(service, range),
                        IstioQueries.pods(service, range));
                String step = "10s";
                List<String> seriesQueries = List.of(IstioQueries.received(service, step),
                        IstioQueries.receivedBuckets(service, step), IstioQueries.receivedDurations(service, step));
                measure("graph of 1,000 workloads (`/graph?window=1m`)", 10, 100, prometheus.url(), graphQueries, List.of(),
                        end, base + "/api/v1/namespaces/bench/graph?window=1m&end=" + end);
                measure("per-version metrics of a service (`/services/s100/metrics?window=1m&step=10s`)", 50, 500,
                        prometheus.url(), metricsQueries, seriesQueries, end,
                        base + "/api/v1/namespaces/bench/services/s100/metrics?window=1m&step=10s&end=" + end);
            } finally {
                graylane.destroy();
                graylane.waitFor();
            }
        } finally {
            sidecars.stop(0);
        }
    }

    /** Interleaved: the PromQL directly (in parallel, as Graylane sends it), then Graylane's answer. */
    private void measure(String what, int warmUp, int measured, URI prometheus, List<String> instant,
            List<String> ranged, long end, String graylane) throws Exception {
        double[] direct = new double[measured];
        double[] answer = new double[measured];
        double[] overhead = new double[measured];
        long bytes = 0;
        for (int i = 0; i < warmUp + measured; i++) {
            long t0 = System.nanoTime();
            List<CompletableFuture<HttpResponse<byte[]>>> answers = new ArrayList<>();
            for (String query : instant) {
                answers.add(post(prometheus, "/api/v1/query", "query=" + encode(query) + "&time=" + end / 1000));
            }
            for (String query : ranged) {
                answers.add(post(prometheus, "/api/v1/query_range", "query=" + encode(query) + "&start="
                        + (end / 1000 - 50) + "&end=" + end / 1000 + "&step=10"));
            }
            for (CompletableFuture<HttpResponse<byte[]>> a : answers) {
                if (a.join().statusCode() != 200) {
                    throw new IllegalStateException(new String(a.join().body(), StandardCharsets.UTF_8));
                }
            }
            long t1 = System.nanoTime();
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(graylane)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            long t2 = System.nanoTime();
            if (response.statusCode() != 200) {
                throw new IllegalStateException(graylane + " answered " + response.statusCode() + ": "
                        + new String(response.body(), StandardCharsets.UTF_8));
            }
            bytes = response.body().length;
            if (i >= warmUp) {
                direct[i - warmUp] = (t1 - t0) / 1e6;
                answer[i - warmUp] = (t2 - t1) / 1e6;
                overhead[i - warmUp] = answer[i - warmUp] - direct[i - warmUp];
            }
        }
        System.out.printf("| %s | %.1f / %.1f | %.1f / %.1f | %.1f / %.1f | %,d |%n", what, p(direct, 0.5),
                p(direct, 0.99), p(answer, 0.5), p(answer, 0.99), p(overhead, 0.5), p(overhead, 0.99), bytes);
    }

    private CompletableFuture<HttpResponse<byte[]>> post(URI prometheus, String path, String form) {
        return http.sendAsync(HttpRequest.newBuilder(prometheus.resolve(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String encode(String query) {
        return URLEncoder.encode(query, StandardCharsets.UTF_8);
    }

    private static double p(double[] values, double q) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
    }

    /**
     * Istio's two metrics for every workload as its callee's proxy and its caller's proxy report them, at
     * {@code seconds} since the start: 10 requests a second per workload, 1% answered 503.
     */
    private static String exposition(double seconds) {
        StringBuilder text = new StringBuilder(16 << 20);
        text.append("# TYPE istio_requests_total counter\n# TYPE istio_request_duration_milliseconds histogram\n");
        for (int s = 0; s < SERVICES; s++) {
            for (int v = 1; v <= VERSIONS; v++) {
                String caller = s == 0 ? "source_workload=\"istio-ingressgateway\",source_workload_namespace="
                        + "\"istio-system\",source_canonical_service=\"istio-ingressgateway\","
                        + "source_canonical_revision=\"latest\""
                        : "source_workload=\"s%03d-v1\",source_workload_namespace=\"bench\",".formatted(s - 1)
                        + "source_canonical_service=\"s%03d\",source_canonical_revision=\"v1\"".formatted(s - 1);
                String callee = "destination_workload=\"s%03d-v%d\",destination_workload_namespace=\"bench\","
                        .formatted(s, v) + "destination_canonical_service=\"s%03d\",".formatted(s)
                        + "destination_canonical_revision=\"v%d\",destination_service_namespace=\"bench\",".formatted(v)
                        + "destination_service_name=\"s%03d\"".formatted(s);
                double requests = Math.floor(seconds * 10);
                for (String reporter : List.of("source", "destination")) {
                    for (String code : List.of("200", "503")) {
                        double n = code.equals("200") ? Math.floor(requests * 0.99) : requests - Math.floor(requests * 0.99);
                        String labels = "reporter=\"" + reporter + "\"," + caller + "," + callee + ",response_code=\""
                                + code + "\"";
                        text.append("istio_requests_total{").append(labels).append("} ").append(n).append('\n');
                        for (int b = 0; b < BUCKETS.length; b++) {
                            text.append("istio_request_duration_milliseconds_bucket{").append(labels).append(",le=\"")
                                    .append(BUCKETS[b]).append("\"} ").append(Math.floor(n * UNDER[b])).append('\n');
                        }
                        text.append("istio_request_duration_milliseconds_bucket{").append(labels)
                                .append(",le=\"+Inf\"} ").append(n).append('\n');
                        text.append("istio_request_duration_milliseconds_sum{").append(labels).append("} ")
                                .append(n * 12.5).append('\n');
                        text.append("istio_request_duration_milliseconds_count{").append(labels).append("} ")
                                .append(n).append('\n');
                    }
                }
            }
        }
        return text.toString();
    }
}
