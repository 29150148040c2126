package io.graylane.observability;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import zipkin2.Endpoint;
import zipkin2.Span;

/**
 * Generated Bookinfo traffic shaped like the real Istio trace: per request the gateway's CLIENT span,
 * productpage's SERVER span, productpage's CLIENT span to reviews and the SERVER span of the reviews version
 * that served it, with Istio's tags. Everything drawn is kept, so tests compare with what was sent.
 */
public final class BookinfoTraffic {

    /** What was sent to one version of reviews. */
    static final class Sent {
        long requests;
        long errors;
        long clientErrors;
        final List<Long> durations = new ArrayList<>();
    }

    private final Random random;
    private final String namespace;
    final Map<String, Sent> sent = Map.of("v1", new Sent(), "v2", new Sent());

    public BookinfoTraffic(long seed, String namespace) {
        this.random = new Random(seed);
        this.namespace = namespace;
    }

    /**
     * {@code requests} requests starting at {@code startMicros}, one per millisecond, a share {@code toV2} of them
     * served by reviews v2; v2 answers 503 with probability {@code v2Errors}, v1 answers 404 once in 50.
     */
    public List<Span> requests(int requests, double toV2, double v2Errors, long startMicros) {
        List<Span> spans = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            String version = random.nextDouble() < toV2 ? "v2" : "v1";
            int status = version.equals("v2") ? (random.nextDouble() < v2Errors ? 503 : 200)
                    : (random.nextInt(50) == 0 ? 404 : 200);
            long reviewsMicros = (version.equals("v2") ? 20_000 : 10_000) + random.nextInt(5_000);
            spans.addAll(request(startMicros + i * 1_000L, version, status, reviewsMicros));
            Sent tally = sent.get(version);
            tally.requests++;
            tally.durations.add(reviewsMicros);
            if (status >= 500) {
                tally.errors++;
            } else if (status >= 400) {
                tally.clientErrors++;
            }
        }
        return spans;
    }

    private List<Span> request(long start, String version, int status, long reviewsMicros) {
        String traceId = hex(16);
        String gateway = traceId.substring(16);
        String productpage = hex(8);
        String toReviews = hex(8);
        String reviews = hex(8);
        long total = reviewsMicros + 3_000;
        return List.of(
                span(traceId, gateway, null, Span.Kind.CLIENT, start, total, "istio-ingressgateway", "istio-system",
                        "latest", 200, "outbound|9080||productpage." + namespace + ".svc.cluster.local"),
                span(traceId, productpage, gateway, Span.Kind.SERVER, start + 100, total - 200, "productpage",
                        namespace, "v1", 200, "inbound|9080||"),
                span(traceId, toReviews, productpage, Span.Kind.CLIENT, start + 500, reviewsMicros + 200,
                        "productpage", namespace, "v1", status, "outbound|9080|" + version + "|reviews." + namespace
                                + ".svc.cluster.local"),
                span(traceId, reviews, toReviews, Span.Kind.SERVER, start + 600, reviewsMicros, "reviews", namespace,
                        version, status, "inbound|9080||"));
    }

    private Span span(String traceId, String id, String parentId, Span.Kind kind, long timestamp, long duration,
            String app, String namespace, String version, int status, String upstream) {
        String pod = app + "-" + version + "-6f76498fc8-58wpn";
        return Span.newBuilder().traceId(traceId).id(id).parentId(parentId).kind(kind)
                .name(app + "." + namespace + ".svc.cluster.local:9080/*").timestamp(timestamp).duration(duration)
                .localEndpoint(Endpoint.newBuilder().serviceName(app + "." + namespace).ip("10.244.0.23").build())
                .putTag("component", "proxy")
                .putTag("http.method", "GET")
                .putTag("http.status_code", Integer.toString(status))
                .putTag("istio.canonical_service", app)
                .putTag("istio.canonical_revision", version)
                .putTag("istio.namespace", namespace)
                .putTag("node_id", "sidecar~10.244.0.23~" + pod + "." + namespace + "~" + namespace
                        + ".svc.cluster.local")
                .putTag("upstream_cluster", upstream)
                .putTag("response_flags", "-")
                .build();
    }

    private String hex(int bytes) {
        byte[] random = new byte[bytes];
        this.random.nextBytes(random);
        random[0] |= 1;
        return HexFormat.of().formatHex(random);
    }
}
