package io.graylane.observability.api;

import io.graylane.observability.config.ObservabilityConfig;
import io.graylane.observability.mesh.Workload;
import io.graylane.observability.metrics.Call;
import io.graylane.observability.metrics.MetricsSource;
import io.graylane.observability.metrics.MetricsSource.Scope;
import io.graylane.observability.metrics.MetricsSources;
import io.graylane.observability.metrics.RequestStats;
import io.graylane.observability.metrics.Snapshot;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The traffic topology of a namespace in the shape of Kiali's versioned-app graph (nodes and edges in
 * {@code elements}, rates as strings in requests per second), so that Kiali-familiar tools and people read
 * it at once. Differences from Kiali: {@code httpPercentErr} counts 5xx and no response, not 4xx; each
 * versioned node also carries {@code health}; {@code responseTime} is the p95 in milliseconds.
 */
@Path("/api/v1/namespaces/{namespace}/graph")
@Produces(MediaType.APPLICATION_JSON)
public class GraphResource {

    private final MetricsSources sources;
    private final Clock clock;
    private final String cluster;

    GraphResource(MetricsSources sources, Clock clock, ObservabilityConfig config) {
        this.sources = sources;
        this.clock = clock;
        this.cluster = config.graph().cluster();
    }

    @GET
    @Operation(summary = "Versioned-app graph of the namespace (Kiali's shape), with rates, errors and health")
    public Map<String, Object> graph(@PathParam("namespace") String namespace, @QueryParam("window") String window,
            @QueryParam("end") Long end, @QueryParam("source") String source) {
        MetricsSource metrics = SourceChoice.of(sources, source);
        TimeWindow period = TimeWindow.of(window, end, clock.millis(), "10m");
        Snapshot snapshot = metrics.window(Scope.namespace(namespace), period.fromMillis(), period.toMillis());
        GraphBuilder graph = new GraphBuilder(namespace, snapshot, cluster);
        snapshot.calls().forEach(graph::addCall);
        snapshot.received().forEach(graph::addReceived);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("timestamp", snapshot.toMillis() / 1000);
        answer.put("duration", (snapshot.toMillis() - snapshot.fromMillis()) / 1000);
        answer.put("graphType", "versionedApp");
        answer.put("source", metrics.name());
        answer.put("sourceNote", metrics.note());
        answer.put("elements", Map.of("nodes", graph.nodes(), "edges", graph.edges()));
        return answer;
    }

    /** Builds nodes (with their app boxes) and edges of the calls that touch the namespace. */
    static final class GraphBuilder {
        private final String namespace;
        private final Snapshot snapshot;
        private final String cluster;
        private final Map<Workload, GraphNode> nodes = new LinkedHashMap<>();
        private final Map<String, Map<String, Object>> boxes = new LinkedHashMap<>();
        private final List<Map<String, Object>> edges = new java.util.ArrayList<>();
        private final Map<Workload, Long> sent = new HashMap<>();

        GraphBuilder(String namespace, Snapshot snapshot, String cluster) {
            this.namespace = namespace;
            this.snapshot = snapshot;
            this.cluster = cluster;
            snapshot.calls().forEach((call, stats) -> sent.merge(call.source(), stats.requests(), Long::sum));
        }

        void addCall(Call call, RequestStats stats) {
            if (!namespace.equals(call.source().namespace()) && !namespace.equals(call.destination().namespace())) {
                return;
            }
            GraphNode source = node(call.source());
            GraphNode target = node(call.destination());
            source.out += stats.requests();
            target.called = true;
            edges.add(GraphNode.edge(source, target, stats, snapshot.seconds(),
                    sent.getOrDefault(call.source(), stats.requests())));
        }

        void addReceived(Workload workload, RequestStats stats) {
            if (namespace.equals(workload.namespace())) {
                node(workload).received.add(stats);
            }
        }

        private GraphNode node(Workload workload) {
            return nodes.computeIfAbsent(workload, w -> {
                GraphNode node = new GraphNode(w, snapshot.pods().get(w));
                if (!w.isUnknown()) {
                    boxes.computeIfAbsent(w.namespace() + "/" + w.app(), key -> GraphNode.box(w, cluster));
                }
                return node;
            });
        }

        List<Map<String, Object>> nodes() {
            List<Map<String, Object>> all = new java.util.ArrayList<>(boxes.values());
            nodes.values().forEach(node -> all.add(node.element(snapshot.seconds(), cluster, namespace)));
            return all;
        }

        List<Map<String, Object>> edges() {
            return edges;
        }
    }
}
