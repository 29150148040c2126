package io.graylane.observability.prometheus;

import io.graylane.observability.mesh.Workload;
import io.graylane.observability.metrics.BucketHistogram;
import io.graylane.observability.metrics.Call;
import io.graylane.observability.metrics.KnownQuantiles;
import io.graylane.observability.metrics.MetricsSource;
import io.graylane.observability.metrics.RequestStats;
import io.graylane.observability.metrics.Snapshot;
import io.graylane.observability.prometheus.PrometheusClient.Point;
import io.graylane.observability.prometheus.PrometheusClient.Series;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Istio's standard metrics from a Prometheus ({@link IstioQueries}): requests received per versioned app,
 * calls per edge, their duration buckets and the pods that served them, over windows aligned as the traces
 * source aligns them. Counts are Prometheus' {@code increase()} over the window, rounded to whole requests.
 */
public class PrometheusSource implements MetricsSource {

    static final String NOTE = "Istio's standard metrics (istio_requests_total, "
            + "istio_request_duration_milliseconds) from Prometheus at %s: every request, whatever the trace "
            + "sampling; counts are Prometheus' increase() over the window (extrapolated from the scrapes inside "
            + "it, so within a scrape interval's traffic at each edge)";

    private final PrometheusClient prometheus;
    private final long resolutionMillis;

    public PrometheusSource(PrometheusClient prometheus, long resolutionMillis) {
        this.prometheus = prometheus;
        this.resolutionMillis = resolutionMillis;
    }

    @Override
    public String name() {
        return "prometheus";
    }

    @Override
    public String note() {
        return NOTE.formatted(prometheus.url());
    }

    @Override
    public String percentiles() {
        return "histogram_quantile over Istio's duration buckets, as Prometheus, Kiali and Flagger compute it "
                + "(linear within a bucket: exact at bucket bounds, within the bucket's width between them)";
    }

    @Override
    public long resolutionMillis() {
        return resolutionMillis;
    }

    /**
     * A service's window: the requests it received with their duration buckets and sums, and its pods. A
     * namespace's (the graph): the requests its workloads received (counts only: the graph shows no latency of
     * a node), their pods, and the calls that touch it with each edge's 95th percentile, as Kiali asks it.
     */
    @Override
    public Snapshot window(Scope scope, long fromMillis, long toMillis) {
        long from = ceil(fromMillis);
        long to = Math.max(from, Math.floorDiv(toMillis, resolutionMillis) * resolutionMillis);
        Snapshot snapshot = empty(from, to);
        if (to == from) {
            return snapshot;
        }
        String range = IstioQueries.range(to - from);
        boolean service = scope.service() != null;
        CompletableFuture<List<Series>> received = prometheus.instant(IstioQueries.received(scope, range), to);
        CompletableFuture<List<Series>> buckets = service
                ? prometheus.instant(IstioQueries.receivedBuckets(scope, range), to) : none();
        CompletableFuture<List<Series>> durations = service
                ? prometheus.instant(IstioQueries.receivedDurations(scope, range), to) : none();
        CompletableFuture<List<Series>> pods = prometheus.instant(IstioQueries.pods(scope, range), to);
        CompletableFuture<List<Series>> calls = service ? none()
                : prometheus.instant(IstioQueries.calls(scope, range), to);
        CompletableFuture<List<Series>> callP95 = service ? none()
                : prometheus.instant(IstioQueries.callP95(scope, range), to);
        fill(snapshot.received(), PrometheusClient.await(received),
                PrometheusClient.await(buckets), service ? PrometheusClient.await(durations) : null, Series::value);
        for (Series series : PrometheusClient.await(pods)) {
            snapshot.pods().computeIfAbsent(destination(series.labels()), w -> new HashSet<>())
                    .add(series.labels().get("pod"));
        }
        for (Series series : PrometheusClient.await(calls)) {
            long n = Math.round(series.value());
            if (n > 0) {
                snapshot.calls().computeIfAbsent(call(series.labels()), c -> new RequestStats())
                        .count(status(series.labels().get("response_code")), n);
            }
        }
        for (Series series : PrometheusClient.await(callP95)) {
            RequestStats stats = snapshot.calls().get(call(series.labels()));
            if (stats != null && Double.isFinite(series.value())) {
                stats.durations(null, new KnownQuantiles(0.95, series.value()));
            }
        }
        return snapshot;
    }

    private static CompletableFuture<List<Series>> none() {
        return CompletableFuture.completedFuture(List.of());
    }

    /** The requests received, step by step: one range query per measure, a point per step. */
    @Override
    public List<Snapshot> series(Scope scope, long fromMillis, long toMillis, long stepMillis) {
        long step = Math.max(resolutionMillis, stepMillis / resolutionMillis * resolutionMillis);
        long from = ceil(fromMillis);
        long to = Math.floorDiv(toMillis, resolutionMillis) * resolutionMillis;
        List<Snapshot> steps = new ArrayList<>();
        for (long at = from; at < to; at += step) {
            steps.add(empty(at, Math.min(at + step, to)));
        }
        if (steps.isEmpty()) {
            return steps;
        }
        // Steps are whole multiples of the step from the window's start; a shorter last step is asked apart.
        Snapshot last = steps.get(steps.size() - 1);
        boolean shortLast = last.toMillis() - last.fromMillis() < step;
        long rangeEnd = shortLast ? last.fromMillis() : to;
        if (rangeEnd > from) {
            String range = IstioQueries.range(step);
            CompletableFuture<List<Series>> received = prometheus.range(IstioQueries.received(scope, range),
                    from + step, rangeEnd, step);
            CompletableFuture<List<Series>> buckets = prometheus.range(IstioQueries.receivedBuckets(scope, range),
                    from + step, rangeEnd, step);
            CompletableFuture<List<Series>> durations = prometheus.range(
                    IstioQueries.receivedDurations(scope, range), from + step, rangeEnd, step);
            List<Series> receivedSeries = PrometheusClient.await(received);
            List<Series> bucketSeries = PrometheusClient.await(buckets);
            List<Series> durationSeries = PrometheusClient.await(durations);
            for (int i = 0; i < steps.size() - (shortLast ? 1 : 0); i++) {
                double at = (steps.get(i).toMillis()) / 1000.0;
                Function<Series, Double> valueAt = series -> valueAt(series, at);
                fill(steps.get(i).received(), receivedSeries, bucketSeries, durationSeries, valueAt);
            }
        }
        if (shortLast) {
            steps.set(steps.size() - 1, window(scope, last.fromMillis(), last.toMillis()));
        }
        return steps;
    }

    private static Snapshot empty(long from, long to) {
        return new Snapshot(from, to, new HashMap<>(), new HashMap<>(), Map.of(), new HashMap<>());
    }

    /**
     * Request counts by response code, duration buckets and duration sums (null: not asked) of the same
     * workload gathered into one {@link RequestStats} per workload.
     */
    private static void fill(Map<Workload, RequestStats> into, List<Series> requests, List<Series> buckets,
            List<Series> durations, Function<Series, Double> value) {
        for (Series series : requests) {
            long n = Math.round(value.apply(series));
            if (n > 0) {
                into.computeIfAbsent(destination(series.labels()), k -> new RequestStats())
                        .count(status(series.labels().get("response_code")), n);
            }
        }
        double[] bounds = bounds(buckets);
        Map<Workload, BucketHistogram> histograms = new HashMap<>();
        for (Series series : buckets) {
            Workload workload = destination(series.labels());
            if (into.containsKey(workload)) {
                histograms.computeIfAbsent(workload, x -> new BucketHistogram(bounds))
                        .addToBucket(bound(series.labels().get("le")), value.apply(series));
            }
        }
        if (durations == null) {
            return;
        }
        Map<Workload, Double> sums = new HashMap<>();
        for (Series series : durations) {
            sums.merge(destination(series.labels()), value.apply(series), Double::sum);
        }
        into.forEach((k, stats) -> stats.durations(sums.getOrDefault(k, 0.0), histograms.get(k)));
    }

    /** Every bucket bound any series of the answer has, ascending: so that all its histograms merge. */
    private static double[] bounds(List<Series> buckets) {
        Set<Double> bounds = new TreeSet<>();
        bounds.add(Double.POSITIVE_INFINITY);
        buckets.forEach(series -> bounds.add(bound(series.labels().get("le"))));
        return bounds.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static double bound(String le) {
        return le == null || le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
    }

    /** The value of a range answer's series at one step, 0 where it has no point (points are in time order). */
    private static double valueAt(Series series, double seconds) {
        List<Point> points = series.points();
        int low = 0;
        int high = points.size() - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            double time = points.get(middle).time();
            if (Math.abs(time - seconds) < 0.0005) {
                return points.get(middle).value();
            }
            if (time < seconds) {
                low = middle + 1;
            } else {
                high = middle - 1;
            }
        }
        return 0;
    }

    /** The versioned app that received the requests; a request that reached no pod names the service only. */
    static Workload destination(Map<String, String> labels) {
        String service = labels.get("destination_canonical_service");
        String namespace = labels.get("destination_workload_namespace");
        if (service == null || Workload.UNKNOWN.equals(service)) {
            service = labels.getOrDefault("destination_service_name", Workload.UNKNOWN);
            namespace = labels.getOrDefault("destination_service_namespace", Workload.UNKNOWN);
        }
        return workload(namespace, service, labels.get("destination_canonical_revision"));
    }

    static Call call(Map<String, String> labels) {
        String source = labels.get("source_workload");
        Workload caller = source == null || Workload.UNKNOWN.equals(source) ? Workload.unknown()
                : workload(labels.get("source_workload_namespace"), labels.get("source_canonical_service"),
                        labels.get("source_canonical_revision"));
        return new Call(caller, destination(labels));
    }

    private static Workload workload(String namespace, String app, String version) {
        if (app == null || Workload.UNKNOWN.equals(app)) {
            return Workload.unknown();
        }
        String ns = namespace == null ? Workload.UNKNOWN : namespace;
        return new Workload(ns, app, version == null ? Workload.UNKNOWN : version, app + "." + ns);
    }

    private static int status(String code) {
        try {
            return code == null ? 0 : Integer.parseInt(code);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private long ceil(long millis) {
        return -Math.floorDiv(-millis, resolutionMillis) * resolutionMillis;
    }
}
