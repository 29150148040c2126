package io.graylane.observability.bench;

import io.graylane.infra.FreePort;
import io.graylane.infra.ProcessClasspath;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import io.graylane.observability.BookinfoTraffic;
import org.junit.jupiter.api.Test;
import zipkin2.codec.SpanBytesEncoder;

/**
 * Graylane's observability-service and a real Zipkin 3.6.1 (in-memory storage) side by side, one after the
 * other, fed the same Bookinfo-shaped Zipkin v2 JSON by the same load generator: sustained spans/s over two
 * connections with 100-span bodies, peak RSS, heap per span held, and query latencies with 1,000,000 spans
 * held. Not part of {@code ./mvnw verify}; run it with the command in docs/benchmarks.md.
 */
class IngestBenchmark {

    private static final int BATCH = 100;
    private static final int CONNECTIONS = 2;
    private static final long HELD = Long.parseLong(System.getenv().getOrDefault("BENCH_SPANS", "1000000"));
    private static final int SECONDS = Integer.parseInt(System.getenv().getOrDefault("BENCH_SECONDS", "30"));
    private static final String HEAP = System.getenv().getOrDefault("BENCH_HEAP", "8g");
    private static final Pattern TRACE_ID = Pattern.compile("\"traceId\":\"");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<byte[]> batches = new ArrayList<>();
    private final List<int[]> traceIdOffsets = new ArrayList<>();

    @Test
    void graylaneAgainstZipkin() throws Exception {
        prepareBatches();
        Path zipkinJar = Path.of(System.getenv().getOrDefault("ZIPKIN_JAR", System.getProperty("user.home")
                + "/.m2/repository/io/zipkin/zipkin-server/3.6.1/zipkin-server-3.6.1-exec.jar"));
        Path graylaneJar = Path.of("target/quarkus-app/quarkus-run.jar");
        Result zipkin = run("Zipkin 3.6.1", List.of(ProcessClasspath.java(), "-Xmx" + HEAP, "-jar", zipkinJar.toString(),
                "--armeria.ports[0].ip=127.0.0.1", "--armeria.ports[0].port=%PORT%",
                "--armeria.ports[0].protocols[0]=http"), Map.of("MEM_MAX_SPANS", Long.toString(HELD)), "/health",
                Map.of("dependencies", "/api/v2/dependencies?endTs=%END%&lookback=3600000",
                        "trace search", "/api/v2/traces?serviceName=reviews.bench&limit=10",
                        "trace by id", "/api/v2/trace/%TRACE%"));
        Result graylane = run("Graylane observability-service", List.of(ProcessClasspath.java(), "-Xmx" + HEAP,
                "-jar", graylaneJar.toString()), Map.of("QUARKUS_HTTP_PORT", "%PORT%",
                        "GRAYLANE_KAFKA_BOOTSTRAP", "127.0.0.1:1", "GRAYLANE_STORE_MAX_SPANS", Long.toString(HELD),
                        "QUARKUS_LOG_CATEGORY__ORG_APACHE_KAFKA__LEVEL", "OFF"), "/q/health/ready",
                Map.of("graph", "/api/v1/namespaces/bench/graph?window=1h",
                        "per-version metrics", "/api/v1/namespaces/bench/services/reviews/metrics?window=1h&step=5m",
                        "dependencies", "/api/v2/dependencies?endTs=%END%&lookback=3600000",
                        "trace search", "/api/v2/traces?serviceName=reviews.bench&limit=10",
                        "Jaeger trace search", "/api/traces?service=reviews.bench&limit=10",
                        "trace by id", "/api/v2/trace/%TRACE%"));
        System.out.printf("%n| | %s | %s | ratio |%n|---|---|---|---|%n", zipkin.name, graylane.name);
        row("spans/s sustained (2 connections, 100-span bodies)", zipkin.spansPerSecond, graylane.spansPerSecond);
        row("peak RSS (MB)", zipkin.peakRssMb, graylane.peakRssMb);
        row("heap per span held (bytes, after GC)", zipkin.heapPerSpan, graylane.heapPerSpan);
        row("spans held", zipkin.held, graylane.held);
        zipkin.latencies.forEach((query, p) -> System.out.printf("| Zipkin %s p50 / p99 (ms) | %.1f / %.1f | | |%n",
                query, p[0], p[1]));
        graylane.latencies.forEach((query, p) -> System.out.printf("| Graylane %s p50 / p99 (ms) | | %.1f / %.1f | |%n",
                query, p[0], p[1]));
    }

    /**
     * Graylane as k8s/ runs it (a 1 GiB heap, the default budgets: spans 384M, metrics 256M, pairing 64M),
     * offered {@code BENCH_SPANS} spans: what the span store holds against its budget, what it let go, and the
     * process' peak RSS against the budget plus the JVM's own: the peak RSS of the same run with a span store
     * of 1 MiB (the same JVM, load, heap and garbage, nothing held).
     */
    @Test
    void graylaneUnderItsByteBudget() throws Exception {
        prepareBatches();
        Budgeted own = budgeted("1M");
        Budgeted full = budgeted("384M");
        System.out.printf("%n| | span store of 1 MiB (the JVM's own) | span store of 384 MiB |%n|---|---|---|%n");
        System.out.printf("| spans offered (202) | %,d | %,d |%n", own.offered, full.offered);
        System.out.printf("| spans held | %,.0f | %,.0f |%n", own.held, full.held);
        System.out.printf("| span store bytes | %.1f MiB | %.1f MiB |%n", own.storeBytes / 1048576,
                full.storeBytes / 1048576);
        System.out.printf("| spans evicted for bytes | %,.0f | %,.0f |%n", own.evicted, full.evicted);
        System.out.printf("| metrics + pairing bytes | %.1f MiB | %.1f MiB |%n", own.otherBytes / 1048576,
                full.otherBytes / 1048576);
        System.out.printf("| peak RSS | %.0f MB | %.0f MB |%n", own.peakRssMb, full.peakRssMb);
        System.out.printf("| JVM's own + 384 MiB + metrics and pairing | | %.0f MB |%n", own.peakRssMb
                + (384 * 1048576 + full.otherBytes) / 1e6);
    }

    private record Budgeted(long offered, double held, double storeBytes, double evicted, double otherBytes,
            double peakRssMb) {
    }

    private Budgeted budgeted(String storeBytes) throws Exception {
        int port = FreePort.find();
        ProcessBuilder builder = new ProcessBuilder(ProcessClasspath.java(), "-Xmx1g", "-XX:MaxDirectMemorySize=128m",
                "-jar", "target/quarkus-app/quarkus-run.jar").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(Path.of("target", "bench-" + port + ".log").toFile()));
        builder.environment().putAll(Map.of("QUARKUS_HTTP_PORT", Integer.toString(port),
                "GRAYLANE_KAFKA_BOOTSTRAP", "127.0.0.1:1", "GRAYLANE_STORE_MAX_SPANS", "100000000",
                "GRAYLANE_STORE_MAX_BYTES", storeBytes, "QUARKUS_LOG_CATEGORY__ORG_APACHE_KAFKA__LEVEL", "OFF"));
        next.set(0);
        stored.set(0);
        Process process = builder.start();
        try {
            String base = "http://127.0.0.1:" + port;
            awaitHealthy(base + "/q/health/ready");
            long offered = fill(base, HELD);
            String metrics = new String(http.send(HttpRequest.newBuilder(URI.create(base + "/q/metrics")).build(),
                    HttpResponse.BodyHandlers.ofByteArray()).body(), StandardCharsets.UTF_8);
            return new Budgeted(offered, gauge(metrics, "graylane_spans_held "),
                    gauge(metrics, "graylane_spans_held_bytes "),
                    gauge(metrics, "graylane_spans_evicted_total{reason=\"bytes\"} "),
                    gauge(metrics, "graylane_metrics_bytes ") + gauge(metrics, "graylane_pairing_bytes "),
                    peakRssMb(process.pid()));
        } finally {
            process.destroy();
            process.waitFor();
        }
    }

    private static double gauge(String metrics, String name) {
        return metrics.lines().filter(line -> line.startsWith(name)).mapToDouble(line -> Double.parseDouble(
                line.substring(line.lastIndexOf(' ') + 1))).findFirst().orElse(Double.NaN);
    }

    private static void row(String name, double zipkin, double graylane) {
        System.out.printf("| %s | %.0f | %.0f | %.2f |%n", name, zipkin, graylane, graylane / zipkin);
    }

    private record Result(String name, double spansPerSecond, double peakRssMb, double heapPerSpan, double held,
            Map<String, double[]> latencies) {
    }

    private Result run(String name, List<String> command, Map<String, String> environment, String health,
            Map<String, String> queries) throws Exception {
        int port = FreePort.find();
        List<String> resolved = command.stream().map(a -> a.replace("%PORT%", Integer.toString(port))).toList();
        ProcessBuilder builder = new ProcessBuilder(resolved).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(Path.of("target", "bench-" + port + ".log").toFile()));
        environment.forEach((k, v) -> builder.environment().put(k, v.replace("%PORT%", Integer.toString(port))));
        next.set(0);
        stored.set(0);
        Process process = builder.start();
        try {
            String base = "http://127.0.0.1:" + port;
            awaitHealthy(base + health);
            long heapBefore = heapUsedAfterGc(process.pid());
            double rate = ingest(base, SECONDS);
            long sent = fill(base, HELD);
            long heapAfter = heapUsedAfterGc(process.pid());
            double held = Math.min(sent, HELD);
            Map<String, double[]> latencies = new java.util.LinkedHashMap<>();
            String someTrace = someTraceId();
            for (Map.Entry<String, String> query : queries.entrySet()) {
                latencies.put(query.getKey(), latency(base + query.getValue()
                        .replace("%END%", Long.toString(System.currentTimeMillis())).replace("%TRACE%", someTrace)));
            }
            return new Result(name, rate, peakRssMb(process.pid()), (heapAfter - heapBefore) / held, held, latencies);
        } finally {
            process.destroy();
            process.waitFor();
        }
    }

    /** Posts as fast as two connections go for {@code seconds} after a 5 s warm-up; spans stored per second. */
    private double ingest(String base, int seconds) throws InterruptedException {
        AtomicLong counted = new AtomicLong();
        AtomicBoolean counting = new AtomicBoolean();
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < CONNECTIONS; c++) {
            int offset = c;
            Thread thread = new Thread(() -> {
                int i = offset;
                while (running.get()) {
                    if (post(base, i) && counting.get()) {
                        counted.addAndGet(BATCH);
                    }
                    i += CONNECTIONS;
                }
            });
            thread.start();
            threads.add(thread);
        }
        Thread.sleep(5_000);
        counting.set(true);
        long start = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        counting.set(false);
        double elapsed = (System.nanoTime() - start) / 1e9;
        running.set(false);
        for (Thread thread : threads) {
            thread.join();
        }
        return counted.get() / elapsed;
    }

    /** Keeps posting until {@code total} spans were stored in all. */
    private long fill(String base, long total) {
        while ((long) stored.get() * BATCH < total) {
            post(base, 0);
        }
        return (long) stored.get() * BATCH;
    }

    /** The next batch to send; every batch gets trace ids of its own. */
    private final java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
    /** Batches stored (answered 202). */
    private final java.util.concurrent.atomic.AtomicInteger stored = new java.util.concurrent.atomic.AtomicInteger();

    /** Posts the next batch; true when stored (202). */
    private boolean post(String base, int ignored) {
        int index = next.getAndIncrement();
        byte[] body = unique(index);
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v2/spans"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build(), HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() == 202) {
                stored.incrementAndGet();
                return true;
            }
            return false;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Batch {@code index % batches} with the first hex digits of every trace id set to {@code index}. */
    private byte[] unique(int index) {
        byte[] body = batches.get(index % batches.size()).clone();
        byte[] prefix = String.format("%08x", index).getBytes(StandardCharsets.US_ASCII);
        for (int at : traceIdOffsets.get(index % batches.size())) {
            System.arraycopy(prefix, 0, body, at, prefix.length);
        }
        return body;
    }

    /** A trace of the last batch sent: held by both servers. */
    private String someTraceId() {
        String text = new String(unique(next.get() - 1), StandardCharsets.US_ASCII);
        Matcher matcher = TRACE_ID.matcher(text);
        matcher.find();
        return text.substring(matcher.end(), matcher.end() + 32);
    }

    private void prepareBatches() {
        BookinfoTraffic traffic = new BookinfoTraffic(1, "bench");
        long now = System.currentTimeMillis() * 1000;
        for (int i = 0; i < 500; i++) {
            byte[] body = SpanBytesEncoder.JSON_V2.encodeList(traffic.requests(BATCH / 4, 0.3, 0.02,
                    now - 600_000_000L + i * 1_000_000L));
            Matcher matcher = TRACE_ID.matcher(new String(body, StandardCharsets.US_ASCII));
            List<Integer> offsets = new ArrayList<>();
            while (matcher.find()) {
                offsets.add(matcher.end());
            }
            batches.add(body);
            traceIdOffsets.add(offsets.stream().mapToInt(Integer::intValue).toArray());
        }
    }

    private double[] latency(String url) throws Exception {
        List<Long> nanos = new ArrayList<>();
        for (int i = 0; i < 220; i++) {
            long start = System.nanoTime();
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() != 200) {
                throw new AssertionError(url + " answered " + response.statusCode());
            }
            if (i >= 20) {
                nanos.add(System.nanoTime() - start);
            }
        }
        Collections.sort(nanos);
        return new double[] {nanos.get(nanos.size() / 2) / 1e6, nanos.get((int) (nanos.size() * 0.99) - 1) / 1e6};
    }

    private void awaitHealthy(String url) throws Exception {
        for (int i = 0; i < 600; i++) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // starting
            }
            Thread.sleep(200);
        }
        throw new AssertionError(url + " not healthy");
    }

    private static long heapUsedAfterGc(long pid) throws Exception {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        run(jcmd, Long.toString(pid), "GC.run");
        String info = run(jcmd, Long.toString(pid), "GC.heap_info");
        Matcher used = Pattern.compile("used (\\d+)K").matcher(info);
        if (!used.find()) {
            throw new AssertionError("no heap use in: " + info);
        }
        return Long.parseLong(used.group(1)) * 1024;
    }

    private static double peakRssMb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
            }
        }
        return Double.NaN;
    }

    private static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        return out;
    }
}
