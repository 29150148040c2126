package io.graylane.issuer;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * The local issuer's two public documents on the loopback, as any OpenID provider serves them: the discovery
 * document at {@code /.well-known/openid-configuration} and the signing keys at {@code /jwks}. It signs
 * nothing over HTTP: tokens are minted by whoever can read the key file ({@code ./graylane token}).
 */
public final class IssuerServer implements AutoCloseable {

    private final HttpServer server;
    private final String issuer;

    private IssuerServer(HttpServer server, String issuer) {
        this.server = server;
        this.issuer = issuer;
    }

    /** Serves {@code keys} on 127.0.0.1:{@code port} (0: any free port). */
    public static IssuerServer start(IssuerKeys keys, int port) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
            String issuer = "http://127.0.0.1:" + server.getAddress().getPort();
            String discovery = """
                    {"issuer":"%1$s","jwks_uri":"%1$s/jwks","response_types_supported":["token"],\
                    "subject_types_supported":["public"],"id_token_signing_alg_values_supported":["RS256"],\
                    "claims_supported":["sub","iss","exp","iat","jti","groups"]}""".formatted(issuer);
            server.createContext("/.well-known/openid-configuration", exchange -> answer(exchange, discovery));
            server.createContext("/jwks", exchange -> answer(exchange, keys.jwks()));
            server.start();
            return new IssuerServer(server, issuer);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve the local issuer on port " + port, e);
        }
    }

    /** The issuer identifier: the URL its discovery document is found under. */
    public String issuer() {
        return issuer;
    }

    private static void answer(HttpExchange exchange, String json) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("GET")) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
