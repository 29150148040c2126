package io.graylane.bookinfo;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import zipkin2.Span;
import zipkin2.codec.SpanBytesDecoder;

/**
 * Stands where observability-service takes spans, for tests of what the simulation sends (not of the flow
 * between the services: e2e-tests runs the real observability-service). Reads each body with Zipkin's own
 * decoder, as a Zipkin collector would, and answers 202.
 */
public class SpanCollector implements QuarkusTestResourceLifecycleManager {

    public static final List<Span> SPANS = new CopyOnWriteArrayList<>();
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/api/v2/spans", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            int status = 202;
            try {
                SPANS.addAll(SpanBytesDecoder.JSON_V2.decodeList(body));
            } catch (IllegalArgumentException e) {
                status = 400;
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        return Map.of("graylane.traffic.mode", "simulated",
                "graylane.traffic.observability-url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void stop() {
        server.stop(0);
    }
}
