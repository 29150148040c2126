package io.graylane.observability.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.graylane.observability.config.ObservabilityConfig;
import io.graylane.observability.metrics.MetricsSource.Scope;
import io.graylane.observability.metrics.MetricsSource.SourceUnavailable;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What Graylane sends a cluster's Prometheus: form-encoded queries with the configured credentials, its
 * labels quoted so that no name can change a query; and what it says when Prometheus refuses.
 */
class PrometheusClientTest {

    private final List<String> authorizations = new ArrayList<>();
    private final List<String> bodies = new ArrayList<>();
    private HttpServer server;
    private int status = 200;
    private String answer = """
            {"status":"success","data":{"resultType":"vector","result":[
              {"metric":{"destination_canonical_revision":"v2"},"value":[1764900000,"42"]}]}}""";

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void sendsTheBearerTokenAndTheQueryAsAForm() {
        PrometheusClient client = new PrometheusClient(config(start(), Optional.of("s3cret"), Optional.empty(),
                Optional.empty()));
        List<PrometheusClient.Series> series = PrometheusClient.await(client.instant("up", 1_764_900_000_500L));
        assertThat(series).singleElement().satisfies(s -> {
            assertThat(s.labels()).containsEntry("destination_canonical_revision", "v2");
            assertThat(s.value()).isEqualTo(42.0);
        });
        assertThat(authorizations).containsExactly("Bearer s3cret");
        assertThat(bodies.get(0)).contains("query=up", "time=1764900000.500", "timeout=3000ms");
    }

    @Test
    void readsTheTokenFromItsFileOrUsesBasicAuth() throws Exception {
        Path token = Files.createTempFile("token", "");
        Files.writeString(token, "from-file\n");
        URI url = start();
        PrometheusClient.await(new PrometheusClient(config(url, Optional.empty(), Optional.of(token),
                Optional.empty())).instant("up", 0));
        PrometheusClient.await(new PrometheusClient(config(url, Optional.empty(), Optional.empty(),
                Optional.of("graylane"))).instant("up", 0));
        assertThat(authorizations).containsExactly("Bearer from-file",
                "Basic " + java.util.Base64.getEncoder().encodeToString("graylane:pw".getBytes()));
    }

    @Test
    void aRefusalIsSaidWithPrometheusOwnReason() {
        status = 400;
        answer = "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"parse error\"}";
        PrometheusClient client = new PrometheusClient(config(start(), Optional.empty(), Optional.empty(),
                Optional.empty()));
        assertThatThrownBy(() -> PrometheusClient.await(client.instant("up(", 0)))
                .isInstanceOf(SourceUnavailable.class).hasMessageContaining("400").hasMessageContaining("bad_data")
                .hasMessageContaining("parse error");
    }

    @Test
    void anUnreachablePrometheusIsSaidNotThrownAsAnError() {
        PrometheusClient client = new PrometheusClient(config(URI.create("http://127.0.0.1:1"), Optional.empty(),
                Optional.empty(), Optional.empty()));
        assertThatThrownBy(() -> PrometheusClient.await(client.instant("up", 0)))
                .isInstanceOf(SourceUnavailable.class).hasMessageContaining("prometheus");
    }

    @Test
    void namesAreQuotedSoThatTheyCannotChangeTheQuery() {
        String query = IstioQueries.received(Scope.service("bookinfo", "x\"} or vector(1) or {a=\"\\"), "30s");
        assertThat(query).contains("destination_canonical_service=\"x\\\"} or vector(1) or {a=\\\"\\\\\"");
    }

    private URI start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/api/v1/query", exchange -> {
            authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
            bodies.add(URLDecoder.decode(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
                    StandardCharsets.UTF_8));
            byte[] body = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private static ObservabilityConfig.Prometheus config(URI url, Optional<String> token, Optional<Path> tokenFile,
            Optional<String> user) {
        return new ObservabilityConfig.Prometheus() {
            public Optional<URI> url() {
                return Optional.of(url);
            }

            public Optional<String> bearerToken() {
                return token;
            }

            public Optional<Path> bearerTokenFile() {
                return tokenFile;
            }

            public Optional<String> username() {
                return user;
            }

            public Optional<String> password() {
                return user.map(u -> "pw");
            }

            public Optional<Path> caFile() {
                return Optional.empty();
            }

            public Duration connectTimeout() {
                return Duration.ofSeconds(1);
            }

            public Duration timeout() {
                return Duration.ofSeconds(3);
            }
        };
    }
}
