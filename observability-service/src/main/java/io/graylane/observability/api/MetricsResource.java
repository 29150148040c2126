package io.graylane.observability.api;

import io.graylane.observability.mesh.Workload;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Requests received by a service, per version, over a window and as a time series. */
@Path("/api/v1/namespaces/{namespace}/services/{service}/metrics")
@Produces(MediaType.APPLICATION_JSON)
public class MetricsResource {

    static final String ERRORS = "an error is a 5xx or no response; 4xx are counted apart and are not errors";

    private final MetricsSources sources;
    private final Clock clock;

    MetricsResource(MetricsSources sources, Clock clock) {
        this.sources = sources;
        this.clock = clock;
    }

    /**
     * The metrics of one service over [from, to): the requested window aligned inwards to whole buckets of
     * {@code alignedTo}, so every count is of that period exactly and every rate divides by its length.
     *
     * @param source where the numbers come from: {@code traces} or {@code prometheus}
     * @param sourceNote what the numbers are and how complete
     */
    public record ServiceMetrics(String namespace, String service, String source, String sourceNote, Instant from,
            Instant to, String alignedTo, String step, String percentiles, String errors, StatsView total, List<VersionMetrics> versions) {
    }

    /** The metrics of one version, with the pods that served it and a point per step. */
    public record VersionMetrics(String version, Set<String> pods, StatsView stats, List<Point> series) {
    }

    /** One step of a series. */
    public record Point(Instant time, StatsView stats) {
    }

    @GET
    @Operation(summary = "Requests, rate, success and error rate, status classes, latency p50/p95/p99 per version")
    public ServiceMetrics metrics(@PathParam("namespace") String namespace, @PathParam("service") String service,
            @QueryParam("window") String window, @QueryParam("step") String step, @QueryParam("end") Long end,
            @QueryParam("source") String source) {
        MetricsSource windows = SourceChoice.of(sources, source);
        TimeWindow period = TimeWindow.of(window, end, clock.millis(), "5m");
        long stepMillis = Math.max(windows.resolutionMillis(),
                TimeWindow.duration("step", step, "30s").toMillis());
        if ((period.toMillis() - period.fromMillis()) / stepMillis > 2_000) {
            throw new BadQuery("step: at most 2000 points per series; use a longer step or a shorter window");
        }
        Scope scope = Scope.service(namespace, service);
        Snapshot whole = windows.window(scope, period.fromMillis(), period.toMillis());
        Map<String, RequestStats> byVersion = versions(whole, namespace, service);
        RequestStats total = new RequestStats();
        byVersion.values().forEach(total::add);
        List<Snapshot> steps = windows.series(scope, period.fromMillis(), period.toMillis(), stepMillis);
        List<VersionMetrics> versions = new ArrayList<>();
        byVersion.forEach((version, stats) -> versions.add(new VersionMetrics(version,
                pods(whole, namespace, service, version), StatsView.of(stats, whole.seconds()),
                series(steps, namespace, service, version))));
        return new ServiceMetrics(namespace, service, windows.name(), windows.note(),
                Instant.ofEpochMilli(whole.fromMillis()),
                Instant.ofEpochMilli(whole.toMillis()), windows.resolutionMillis() / 1000 + "s",
                stepMillis / 1000 + "s",
                windows.percentiles(), ERRORS, StatsView.of(total, whole.seconds()), versions);
    }

    /** Requests received by each version of the service in the snapshot. */
    static Map<String, RequestStats> versions(Snapshot snapshot, String namespace, String service) {
        Map<String, RequestStats> byVersion = new TreeMap<>();
        snapshot.received().forEach((workload, stats) -> {
            if (workload.namespace().equals(namespace) && workload.app().equals(service)) {
                byVersion.computeIfAbsent(workload.version(), v -> new RequestStats()).add(stats);
            }
        });
        return byVersion;
    }

    private static List<Point> series(List<Snapshot> steps, String namespace, String service, String version) {
        List<Point> points = new ArrayList<>();
        for (Snapshot step : steps) {
            RequestStats stats = versions(step, namespace, service).getOrDefault(version, new RequestStats());
            points.add(new Point(Instant.ofEpochMilli(step.fromMillis()), StatsView.of(stats, step.seconds())));
        }
        return points;
    }

    private static Set<String> pods(Snapshot snapshot, String namespace, String service, String version) {
        Set<String> pods = new TreeSet<>();
        snapshot.pods().forEach((workload, seen) -> {
            if (workload.equals(new Workload(namespace, service, version, workload.zipkinName()))) {
                pods.addAll(seen);
            }
        });
        return pods;
    }
}
