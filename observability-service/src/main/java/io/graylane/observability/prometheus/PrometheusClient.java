package io.graylane.observability.prometheus;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.graylane.observability.config.ObservabilityConfig;
import io.graylane.observability.metrics.MetricsSource.SourceUnavailable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Prometheus' HTTP query API ({@code /api/v1/query}, {@code /api/v1/query_range}, form-encoded POSTs) with a
 * cluster's authentication: a bearer token (or a token file, read again every minute), or basic auth, and a CA
 * bundle for https. Queries are sent asynchronously so that the several queries of one answer run together.
 */
public class PrometheusClient {

    private static final long TOKEN_FILE_REREAD_MILLIS = 60_000;

    private final URI url;
    private final HttpClient http;
    private final Duration timeout;
    private final ObservabilityConfig.Prometheus config;
    private final ObjectMapper json = new ObjectMapper();
    private volatile String fileToken;
    private volatile long fileTokenReadAt;

    /** One series of an answer: its labels and its points, (seconds since the epoch, value), oldest first. */
    public record Series(Map<String, String> labels, List<Point> points) {

        /** The value of an instant query's answer. */
        public double value() {
            return points.isEmpty() ? 0 : points.get(points.size() - 1).value();
        }
    }

    /** One sample: time in seconds since the epoch, and its value. */
    public record Point(double time, double value) {
    }

    public PrometheusClient(ObservabilityConfig.Prometheus config) {
        this.config = config;
        this.url = config.url().orElseThrow(() -> new IllegalStateException(
                "graylane.prometheus.url is needed for the prometheus metrics source"));
        this.timeout = config.timeout();
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(config.connectTimeout());
        config.caFile().ifPresent(ca -> builder.sslContext(trusting(ca)));
        this.http = builder.build();
    }

    /** The URL as answers and logs may show it: without any user information it may carry. */
    public String url() {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort())
                + (url.getRawPath() == null ? "" : url.getRawPath());
    }

    /** {@code promql} evaluated at {@code timeMillis}. */
    public CompletableFuture<List<Series>> instant(String promql, long timeMillis) {
        return post("/api/v1/query", Map.of("query", promql, "time", seconds(timeMillis)));
    }

    /** {@code promql} evaluated at start, start + step, ... up to end. */
    public CompletableFuture<List<Series>> range(String promql, long startMillis, long endMillis, long stepMillis) {
        return post("/api/v1/query_range", Map.of("query", promql, "start", seconds(startMillis),
                "end", seconds(endMillis), "step", seconds(stepMillis)));
    }

    /** Waits for the answers of queries sent together. */
    public static <T> T await(CompletableFuture<T> answer) {
        try {
            return answer.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof SourceUnavailable unavailable) {
                throw unavailable;
            }
            throw new SourceUnavailable("prometheus: " + e.getCause(), e.getCause());
        }
    }

    private CompletableFuture<List<Series>> post(String path, Map<String, String> parameters) {
        Map<String, String> form = new LinkedHashMap<>(parameters);
        form.put("timeout", timeout.toMillis() + "ms");
        HttpRequest.Builder request = HttpRequest.newBuilder(url.resolve(url.getPath().replaceAll("/$", "") + path))
                .timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form.entrySet().stream()
                        .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                        .collect(Collectors.joining("&"))));
        String authorization = authorization();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofInputStream())
                .thenApply(response -> read(response, parameters.get("query")));
    }

    /**
     * Reads Prometheus' answer as it streams in (an answer of a namespace of 1,000 workloads is megabytes; no
     * tree of it is built).
     */
    private List<Series> read(HttpResponse<InputStream> response, String promql) {
        PrometheusAnswer answer = new PrometheusAnswer();
        try (InputStream body = response.body(); JsonParser parser = json.getFactory().createParser(body)) {
            answer.read(parser);
        } catch (IOException | RuntimeException e) {
            throw new SourceUnavailable("prometheus at " + url() + " answered " + response.statusCode()
                    + " with a body that is not its JSON: " + e.getMessage(), e);
        }
        if (response.statusCode() != 200 || !"success".equals(answer.status)) {
            throw new SourceUnavailable("prometheus at " + url() + " answered " + response.statusCode() + " ("
                    + answer.errorType + ": " + answer.error + ") to " + promql, null);
        }
        return answer.series;
    }

    private String authorization() {
        if (config.bearerToken().isPresent()) {
            return "Bearer " + config.bearerToken().get().trim();
        }
        if (config.bearerTokenFile().isPresent()) {
            return "Bearer " + tokenFromFile(config.bearerTokenFile().get());
        }
        if (config.username().isPresent()) {
            String pair = config.username().get() + ":" + config.password().orElse("");
            return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
        }
        return null;
    }

    private String tokenFromFile(Path file) {
        long now = System.currentTimeMillis();
        if (fileToken == null || now - fileTokenReadAt > TOKEN_FILE_REREAD_MILLIS) {
            try {
                fileToken = Files.readString(file).trim();
                fileTokenReadAt = now;
            } catch (IOException e) {
                throw new SourceUnavailable("cannot read the bearer token file " + file + ": " + e.getMessage(), e);
            }
        }
        return fileToken;
    }

    private static SSLContext trusting(Path caFile) {
        try (InputStream pem = Files.newInputStream(caFile)) {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            int i = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(pem)) {
                trusted.setCertificateEntry("ca-" + i++, certificate);
            }
            if (i == 0) {
                throw new IllegalStateException("no certificate in graylane.prometheus.ca-file " + caFile);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read graylane.prometheus.ca-file " + caFile, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("graylane.prometheus.ca-file " + caFile + " is not a PEM bundle", e);
        }
    }

    private static String seconds(long millis) {
        return String.format(java.util.Locale.ROOT, "%.3f", millis / 1000.0);
    }
}
