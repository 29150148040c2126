package io.graylane.bookinfo;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bookinfo's product page where no cluster runs: answers as productpage renders reviews v1, v2 and v3 in turn
 * (no stars, black stars, red stars), every fourth request a 503 as Envoy gives when no reviews pod is healthy.
 * {@code /served} says how many pages it has answered.
 */
public class ProductpageStandIn implements QuarkusTestResourceLifecycleManager {

    private static final String REVIEW = "<blockquote><p>An extremely entertaining play by Shakespeare.</p>"
            + "<small>Reviewer1</small>%s</blockquote>";
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        AtomicInteger requests = new AtomicInteger();
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/productpage", exchange -> {
            int n = requests.getAndIncrement() % 4;
            byte[] page = (n == 3 ? "no healthy upstream" : "<html><body>" + REVIEW.formatted(switch (n) {
                case 0 -> "";
                case 1 -> "<font color=\"black\"><span class=\"glyphicon glyphicon-star\"></span></font>";
                default -> "<font color=\"red\"><span class=\"glyphicon glyphicon-star\"></span></font>";
            }) + "</body></html>").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(n == 3 ? 503 : 200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        server.createContext("/served", exchange -> {
            byte[] served = Integer.toString(requests.get()).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, served.length);
            exchange.getResponseBody().write(served);
            exchange.close();
        });
        server.start();
        return Map.of("graylane.traffic.mode", "real", "graylane.traffic.productpage-url",
                "http://127.0.0.1:" + server.getAddress().getPort() + "/productpage");
    }

    @Override
    public void stop() {
        server.stop(0);
    }
}
