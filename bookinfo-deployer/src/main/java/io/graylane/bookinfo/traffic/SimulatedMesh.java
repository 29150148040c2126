package io.graylane.bookinfo.traffic;

import io.graylane.mesh.MeshRequest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import zipkin2.Endpoint;
import zipkin2.Span;

/**
 * Bookinfo on a mesh where no pod runs: for each request for the product page, the route Istio would take
 * (from the routing in the cluster, see {@link Router}) and the spans each Envoy on the way would report to
 * Zipkin, shaped like a real Istio trace: the ingress gateway calls productpage; productpage calls details and
 * reviews; reviews v2 and v3 call ratings; a mirrored copy goes to its version too. Every call is a CLIENT span
 * at the caller's proxy and a SERVER span at the callee's, joined by parentId. Latencies are drawn around
 * what Bookinfo shows on a laptop; the run's {@link Faults} make a reviews version answer 500 that often or
 * take that many times as long. Every call is also counted in Istio's standard metrics ({@link IstioMetrics}),
 * as the proxies would count it.
 */
public final class SimulatedMesh implements TrafficSource {

    private static final Map<String, List<String[]>> CALLS = Map.of(
            "productpage", List.of(new String[] {"details", "/details/0"}, new String[] {"reviews", "/reviews/0"}));

    private final String namespace;
    private final Supplier<Map<String, ServiceRouting>> routing;
    private final Faults faults;
    private final Consumer<List<Span>> sink;
    private final Random random;
    private final Router router;
    private final Users users;
    private final List<Span> gathered = new ArrayList<>();
    private final Supplier<Long> clockMicros;
    private final IstioMetrics metrics;
    /** Of every 10,000 requests, how many are traced. */
    private final long sampledPer10k;

    public SimulatedMesh(String namespace, Supplier<Map<String, ServiceRouting>> routing,
            Faults faults, Consumer<List<Span>> sink, Random random, Supplier<Long> clockMicros,
            IstioMetrics metrics, double samplingPercent) {
        this.sampledPer10k = Math.round(samplingPercent * 100);
        this.namespace = namespace;
        this.routing = routing;
        this.faults = faults;
        this.sink = sink;
        this.random = random;
        this.router = new Router(random);
        this.users = new Users(random);
        this.clockMicros = clockMicros;
        this.metrics = metrics;
    }

    @Override
    public synchronized Outcome request() {
        Request request = new Request(users.next(), routing.get());
        int spansBefore = gathered.size();
        Hop page = request.call(MeshWorkload.INGRESS_GATEWAY, null, request.traceId.substring(16), "productpage",
                "/productpage", clockMicros.get());
        Hop reviews = request.reviews;
        String failure = page.version == null ? "productpage: " + page.status + " " + page.flags
                : reviews == null ? null
                : reviews.version == null ? "reviews: " + reviews.status + " " + reviews.flags
                : reviews.status >= 500 ? "reviews " + reviews.version + ": " + reviews.status
                : null;
        String shown = reviews != null && reviews.version != null && reviews.status < 500 ? reviews.version : null;
        if (!request.sampled()) {
            gathered.subList(spansBefore, gathered.size()).clear();
        }
        return new Outcome(shown, failure, request.mirrored);
    }

    @Override
    public synchronized void flush() {
        if (!gathered.isEmpty()) {
            List<Span> batch = List.copyOf(gathered);
            gathered.clear();
            sink.accept(batch);
        }
    }

    /**
     * What a run makes reviews versions do wrong: answer 500 to a share of requests, take longer by a factor
     * (their own time; the calls they make are unchanged).
     */
    public record Faults(Map<String, Double> errorRates, Map<String, Double> latencyFactors) {

        double errorRate(String version) {
            return errorRates == null ? 0 : errorRates.getOrDefault(version, 0.0);
        }

        double latencyFactor(String version) {
            return latencyFactors == null ? 1 : latencyFactors.getOrDefault(version, 1.0);
        }
    }

    /** What came back from one call: the status, when it ended, the version that served it. */
    private record Hop(int status, long end, String version, String flags) {
    }

    /** One request for the product page, hop by hop. */
    private final class Request {

        final String traceId = id() + id();
        final String requestId = UUID.nameUUIDFromBytes(traceId.getBytes()).toString();
        final MeshRequest user;
        final Map<String, ServiceRouting> routes;
        Hop reviews;
        String mirrored;

        Request(MeshRequest user, Map<String, ServiceRouting> routes) {
            this.user = user;
            this.routes = routes;
        }

        /**
         * Whether the gateway traces this request: decided once at the edge from the request id, as Envoy's
         * random sampling does, so a trace is reported whole or not at all.
         */
        boolean sampled() {
            return Math.floorMod(requestId.hashCode(), 10_000) < sampledPer10k;
        }

        Hop call(MeshWorkload caller, String parentId, String clientId, String service, String path, long start) {
            Decision decision = router.decide(routes.get(service), user.withPath(path), caller.app());
            String cluster = "outbound|9080|" + decision.subset() + "|" + service + "." + namespace
                    + ".svc.cluster.local";
            String name = service + "." + namespace + ".svc.cluster.local:9080" + (service.equals("productpage")
                    ? "/productpage" : "/*");
            String url = "http://" + service + ":9080" + path;
            if (decision.version() == null) {
                long end = start + decision.delayMicros() + 200 + random.nextInt(300);
                gathered.add(span(clientId, parentId, Span.Kind.CLIENT, name, start, end - start, caller,
                        decision.status(), cluster, url, decision.flags()));
                metrics.unreached(caller, service, namespace, decision.status(), decision.flags(), end - start);
                return record(service, new Hop(decision.status(), end, null, decision.flags()));
            }
            MeshWorkload callee = MeshWorkload.of(service, decision.version(), namespace);
            String serverId = id();
            long serverStart = start + decision.delayMicros() + 150 + random.nextInt(100);
            long own = ownMicros(service, decision.version());
            long cursor = serverStart + own / 2;
            for (String[] next : callsOf(service, decision.version())) {
                cursor = call(callee, serverId, id(), next[0], next[1], cursor).end() + 100;
            }
            int status = service.equals("reviews") && random.nextDouble()
                    < faults.errorRate(decision.version()) ? 500 : 200;
            long serverEnd = cursor + own / 2;
            gathered.add(span(serverId, clientId, Span.Kind.SERVER, name, serverStart, serverEnd - serverStart, callee,
                    status, "inbound|9080||", url, "-"));
            long end = serverEnd + 150 + random.nextInt(100);
            gathered.add(span(clientId, parentId, Span.Kind.CLIENT, name, start, end - start, caller, status, cluster,
                    url, decision.flags()));
            metrics.request(caller, service, namespace, callee, status, decision.flags(), end - start,
                    serverEnd - serverStart);
            if (decision.mirrorVersion() != null) {
                mirror(caller, parentId, service, path, decision, start);
            }
            return record(service, new Hop(status, end, decision.version(), decision.flags()));
        }

        /** Envoy sends the copy and forgets it: a CLIENT span to the shadow host, and the copy's own work. */
        private void mirror(MeshWorkload caller, String parentId, String service, String path, Decision decision,
                long start) {
            MeshWorkload shadow = MeshWorkload.of(service, decision.mirrorVersion(), namespace);
            String clientId = id();
            String serverId = id();
            String name = service + "-shadow:9080/*";
            long own = ownMicros(service, decision.mirrorVersion());
            gathered.add(span(serverId, clientId, Span.Kind.SERVER, name, start + 200, own, shadow, 200,
                    "inbound|9080||", "http://" + service + "-shadow:9080" + path, "-"));
            gathered.add(span(clientId, parentId, Span.Kind.CLIENT, name, start, own + 400, caller, 200,
                    "outbound|9080|" + decision.mirrorSubset() + "|" + service + "." + namespace
                            + ".svc.cluster.local", "http://" + service + "-shadow:9080" + path, "-"));
            metrics.mirrored(caller, service, namespace, shadow, own);
            mirrored = decision.mirrorVersion();
        }

        private Hop record(String service, Hop hop) {
            if (service.equals("reviews")) {
                reviews = hop;
            }
            return hop;
        }

        private Span span(String id, String parentId, Span.Kind kind, String name, long timestamp, long duration,
                MeshWorkload local, int status, String upstream, String url, String flags) {
            return Span.newBuilder().traceId(traceId).id(id).parentId(parentId).kind(kind).name(name)
                    .timestamp(timestamp).duration(Math.max(1, duration))
                    .localEndpoint(Endpoint.newBuilder().serviceName(local.serviceName()).ip(local.ip()).build())
                    .putTag("component", "proxy")
                    .putTag("downstream_cluster", "-")
                    .putTag("guid:x-request-id", requestId)
                    .putTag("http.method", "GET")
                    .putTag("http.protocol", "HTTP/1.1")
                    .putTag("http.status_code", Integer.toString(status))
                    .putTag("http.url", url)
                    .putTag("istio.canonical_revision", local.version())
                    .putTag("istio.canonical_service", local.app())
                    .putTag("istio.mesh_id", "cluster.local")
                    .putTag("istio.namespace", local.namespace())
                    .putTag("node_id", local.nodeId())
                    .putTag("response_flags", flags)
                    .putTag("upstream_cluster", upstream)
                    .putTag("upstream_cluster.name", upstream)
                    .putTag("user_agent", user.headers().getOrDefault("user-agent", "-"))
                    .build();
        }
    }

    private static List<String[]> callsOf(String service, String version) {
        if (service.equals("reviews")) {
            return version.equals("v1") ? List.of() : List.<String[]>of(new String[] {"ratings", "/ratings/0"});
        }
        return CALLS.getOrDefault(service, List.of());
    }

    /** A service's own time for one request, in microseconds; one request in fifty takes three times as long. */
    private long ownMicros(String service, String version) {
        long base = switch (service) {
            case "productpage" -> 3_000;
            case "reviews" -> version.equals("v1") ? 2_000 : 3_000;
            default -> 500;
        };
        long drawn = base + random.nextInt((int) base);
        long own = random.nextInt(50) == 0 ? drawn * 3 : drawn;
        return service.equals("reviews") ? Math.round(own * faults.latencyFactor(version)) : own;
    }

    private String id() {
        byte[] bytes = new byte[8];
        random.nextBytes(bytes);
        bytes[0] |= 0x10;
        return HexFormat.of().formatHex(bytes);
    }
}
