package io.graylane.observability.metrics;

import io.graylane.observability.config.ObservabilityConfig;
import io.graylane.observability.mesh.MeshSpan;
import io.graylane.observability.mesh.Workload;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Metrics aggregated in time buckets as spans arrive, so they stay right when raw spans are evicted. A window
 * is the sum of its buckets, exact for counts and within the histogram's error for percentiles. Buckets are
 * kept by number (the oldest go first) and by age since their last write. At most {@code max-series} series
 * (workloads, calls, links) are held at once: spans of a new series past the cap are not counted, and that is
 * counted ({@link #refusedSpans()}) and said in the answers, until old series age out with their buckets.
 */
@ApplicationScoped
public class MetricsWindows {

    private final long resolutionMillis;
    private final int maxBuckets;
    private final long maxAgeMillis;
    private static final long SWEEP_MILLIS = 1_000;

    private final TreeMap<Long, Bucket> buckets = new TreeMap<>();
    private long lastSweep;
    private final int maxSeries;
    /** Every series held, with the start of the newest bucket it is in. */
    private final Map<Object, Long> series = new HashMap<>();
    private long refusedSpans;
    private long firstRefusal;
    /**
     * What one cell (a series' numbers in one bucket: its map entry, its counts, a short sparse histogram) is
     * estimated to take; the byte budget is held as a number of cells.
     */
    static final long CELL_BYTES = 512;
    /** Pods remembered per workload and bucket; a span naming more is counted, its pod not remembered. */
    static final int MAX_PODS = 32;
    private final long maxCells;
    private long cells;

    @Inject
    MetricsWindows(ObservabilityConfig config) {
        this(config.metrics().resolution(), config.metrics().maxBuckets(), config.metrics().maxAge(),
                config.metrics().maxSeries(), config.metrics().maxBytes().asLongValue());
    }

    MetricsWindows(Duration resolution, int maxBuckets, Duration maxAge, int maxSeries, long maxBytes) {
        this.resolutionMillis = resolution.toMillis();
        this.maxBuckets = maxBuckets;
        this.maxAgeMillis = maxAge.toMillis();
        this.maxSeries = maxSeries;
        this.maxCells = maxBytes / CELL_BYTES;
    }

    /** The estimated bytes held: cells times {@link #CELL_BYTES}. */
    public synchronized long bytes() {
        return cells * CELL_BYTES;
    }

    public int maxSeries() {
        return maxSeries;
    }

    public synchronized int seriesHeld() {
        return series.size();
    }

    /** Spans not counted because their series was new and the cap was reached. */
    public synchronized long refusedSpans() {
        return refusedSpans;
    }

    /** When the first span was refused for the cap (epoch millis); 0 when none was. */
    public synchronized long firstRefusal() {
        return firstRefusal;
    }

    public long resolutionMillis() {
        return resolutionMillis;
    }

    /** A request received by the span's workload. */
    public synchronized void received(MeshSpan server, long now) {
        long time = timeMillis(server, now);
        if (!admitted(server.workload(), time, now)) {
            return;
        }
        Bucket bucket = bucket(time, now);
        RequestStats stats = cell(bucket, bucket.received, server.workload(), RequestStats::new, now);
        if (stats == null) {
            return;
        }
        stats.record(server.status(), server.outcome(), duration(server));
        if (server.pod() != null) {
            Set<String> pods = bucket.pods.computeIfAbsent(server.workload(), w -> new HashSet<>());
            if (pods.size() < MAX_PODS) {
                pods.add(server.pod());
            }
        }
    }

    /** A call between two workloads, measured by the caller's span when there is one. */
    public synchronized void call(Call call, MeshSpan measured, long now) {
        long time = timeMillis(measured, now);
        if (!admitted(call, time, now)) {
            return;
        }
        Bucket bucket = bucket(time, now);
        RequestStats stats = cell(bucket, bucket.calls, call, RequestStats::new, now);
        if (stats != null) {
            stats.record(measured.status(), measured.outcome(), duration(measured));
        }
    }

    /**
     * A link as Zipkin's dependency linker counts it: a CLIENT span and its SERVER child, by service name (two
     * versions of a service are one Zipkin service).
     */
    public synchronized void link(MeshSpan client, MeshSpan server, long now) {
        String parent = client.workload().zipkinName();
        String child = server.workload().zipkinName();
        ServiceLink link = new ServiceLink(parent, child);
        if (parent == null || child == null || !admitted(link, timeMillis(client, now), now)) {
            return;
        }
        Bucket bucket = bucket(timeMillis(client, now), now);
        long[] counts = cell(bucket, bucket.links, link, () -> new long[2], now);
        if (counts == null) {
            return;
        }
        counts[0]++;
        if (client.error() || server.error()) {
            counts[1]++;
        }
    }

    /**
     * Everything observed in the whole buckets inside [from, to): the window is aligned inwards to the resolution
     * (its start rounded up, its end down), so nothing from outside it is counted; the snapshot's
     * {@code fromMillis} and {@code toMillis} are the period actually covered, which may be empty.
     */
    public Snapshot window(long fromMillis, long toMillis) {
        long from = ceil(fromMillis);
        return sum(from, Math.max(from, start(toMillis)));
    }

    /**
     * Everything observed in the buckets that overlap [from, to): the window aligned outwards. Only for
     * Zipkin's and Jaeger's dependency links, which Zipkin's own storages aggregate per day and answer for every
     * day the period touches; ours are aggregated per bucket.
     */
    public Snapshot overlapping(long fromMillis, long toMillis) {
        return sum(start(fromMillis), ceil(toMillis));
    }

    private synchronized Snapshot sum(long from, long to) {
        Map<Workload, RequestStats> received = new HashMap<>();
        Map<Call, RequestStats> calls = new HashMap<>();
        Map<ServiceLink, long[]> links = new HashMap<>();
        Map<Workload, Set<String>> pods = new HashMap<>();
        for (Bucket bucket : buckets.subMap(from, true, to, false).values()) {
            bucket.received.forEach((w, s) -> received.computeIfAbsent(w, x -> new RequestStats()).add(s));
            bucket.calls.forEach((c, s) -> calls.computeIfAbsent(c, x -> new RequestStats()).add(s));
            bucket.links.forEach((c, n) -> {
                long[] sum = links.computeIfAbsent(c, x -> new long[2]);
                sum[0] += n[0];
                sum[1] += n[1];
            });
            bucket.pods.forEach((w, p) -> pods.computeIfAbsent(w, x -> new HashSet<>()).addAll(p));
        }
        return new Snapshot(from, to, received, calls, links, pods);
    }

    /**
     * The window, aligned as {@link #window} aligns it, cut into steps, oldest first. Steps start on bucket
     * boundaries and are whole buckets long, so each bucket counts in exactly one step and the steps add up to
     * the window.
     */
    public List<Snapshot> series(long fromMillis, long toMillis, long stepMillis) {
        long step = Math.max(resolutionMillis, stepMillis / resolutionMillis * resolutionMillis);
        long to = start(toMillis);
        List<Snapshot> series = new ArrayList<>();
        for (long at = ceil(fromMillis); at < to; at += step) {
            series.add(window(at, Math.min(at + step, to)));
        }
        return series;
    }

    /** Whether a span of this series may be counted: a series already held, or room for a new one. */
    private boolean admitted(Object key, long timeMillis, long now) {
        long start = start(timeMillis);
        Long newest = series.get(key);
        if (newest == null && series.size() >= maxSeries) {
            refuse(now);
            return false;
        }
        if (newest == null || newest < start) {
            series.put(key, start);
        }
        return true;
    }

    /** The series' cell in the bucket, made when there is room in the byte budget; null when there is not. */
    private <K, V> V cell(Bucket bucket, Map<K, V> cells, K key, java.util.function.Supplier<V> create, long now) {
        V cell = cells.get(key);
        if (cell != null) {
            return cell;
        }
        if (this.cells >= maxCells) {
            refuse(now);
            return null;
        }
        cell = create.get();
        cells.put(key, cell);
        bucket.cells++;
        this.cells++;
        return cell;
    }

    private void refuse(long now) {
        if (refusedSpans++ == 0) {
            firstRefusal = now;
        }
    }

    private Bucket bucket(long timeMillis, long now) {
        Bucket bucket = buckets.computeIfAbsent(start(timeMillis), t -> new Bucket());
        bucket.lastWrite = now;
        while (buckets.size() > maxBuckets) {
            cells -= buckets.pollFirstEntry().getValue().cells;
        }
        if (now - lastSweep > SWEEP_MILLIS) {
            lastSweep = now;
            buckets.values().removeIf(b -> {
                boolean old = now - b.lastWrite > maxAgeMillis;
                cells -= old ? b.cells : 0;
                return old;
            });
            long oldest = buckets.isEmpty() ? Long.MAX_VALUE : buckets.firstKey();
            series.values().removeIf(newest -> newest < oldest);
        }
        return bucket;
    }

    private long start(long timeMillis) {
        return Math.floorDiv(timeMillis, resolutionMillis) * resolutionMillis;
    }

    private long ceil(long timeMillis) {
        return -Math.floorDiv(-timeMillis, resolutionMillis) * resolutionMillis;
    }

    private static long timeMillis(MeshSpan span, long now) {
        return span.span().timestampAsLong() > 0 ? span.span().timestampAsLong() / 1000 : now;
    }

    private static long duration(MeshSpan span) {
        return Math.max(1, span.span().durationAsLong());
    }
}
