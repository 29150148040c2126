package io.graylane.observability.ingest;

import io.graylane.observability.config.ObservabilityConfig;
import io.graylane.rest.Problem;
import io.graylane.rest.ProblemKind;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Span ingest on a port of its own (Zipkin's 9411): Zipkin's and OTLP/HTTP's collector paths are served there
 * and only there, so the API's port has no endpoint without a token and a NetworkPolicy can say who may send
 * spans. With {@code graylane.ingest.token} set, a collector must present it as a bearer token.
 */
@ApplicationScoped
public class IngestListener {

    private static final Logger LOG = Logger.getLogger(IngestListener.class);
    private static final List<String> PATHS = List.of("/api/v2/spans", "/v1/traces");
    private static final ProblemKind NOT_HERE = ProblemKind.NOT_FOUND;

    private final ObservabilityConfig.Ingest config;
    private final String host;
    private volatile int port = -1;
    private HttpServer server;

    IngestListener(ObservabilityConfig config, @ConfigProperty(name = "quarkus.http.host") String host) {
        this.config = config.ingest();
        this.host = host;
    }

    void start(@Observes Router router, Vertx vertx) {
        router.route().order(Integer.MIN_VALUE).handler(this::route);
        // Collectors gzip their batches (Zipkin's reporters do by default), as on the API's port
        // (quarkus.http.enable-decompression).
        server = vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(config.port())
                .setDecompressionSupported(true)).requestHandler(router);
        port = server.listen().toCompletionStage().toCompletableFuture().join().actualPort();
        LOG.infof("span ingest (Zipkin POST /api/v2/spans, OTLP/HTTP POST /v1/traces) on http://%s:%d%s", host,
                port, config.token().isPresent() ? " (bearer token required)" : "");
    }

    /** The port span ingest listens on. */
    public int port() {
        return port;
    }

    private void route(RoutingContext context) {
        boolean onIngestPort = context.request().localAddress() != null
                && context.request().localAddress().port() == port;
        boolean ingestPath = context.request().method() == HttpMethod.POST && PATHS.contains(context.request().path());
        if (onIngestPort != ingestPath) {
            refuse(context, 404, NOT_HERE, onIngestPort ? "this port takes spans only: POST /api/v2/spans (Zipkin)"
                    + " or POST /v1/traces (OTLP/HTTP)" : "spans are taken on port " + port + ", not here");
            return;
        }
        if (onIngestPort && config.token().isPresent() && !presents(context, config.token().get())) {
            context.response().putHeader("WWW-Authenticate", "Bearer");
            refuse(context, 401, new ProblemKind(401, "unauthenticated", "Authentication required"),
                    "span ingest needs the collector's bearer token (graylane.ingest.token)");
            return;
        }
        context.next();
    }

    private static boolean presents(RoutingContext context, String token) {
        String header = Optional.ofNullable(context.request().getHeader("Authorization")).orElse("");
        byte[] given = header.startsWith("Bearer ") ? header.substring(7).getBytes(StandardCharsets.UTF_8)
                : new byte[0];
        return MessageDigest.isEqual(given, token.getBytes(StandardCharsets.UTF_8));
    }

    private static void refuse(RoutingContext context, int status, ProblemKind kind, String detail) {
        Problem problem = new Problem(kind.uri(), kind.title(), status, detail, context.request().path(), List.of(),
                Map.of());
        context.response().setStatusCode(status).putHeader("Content-Type", Problem.MEDIA_TYPE)
                .end(Json.encode(problem));
    }

    void stop(@Observes io.quarkus.runtime.ShutdownEvent shutdown) {
        if (server != null) {
            server.close();
        }
    }
}
