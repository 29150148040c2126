package io.graylane.observability.metrics;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** The metrics aggregated from the spans received here: exact for what was sampled, nothing of what was not. */
@ApplicationScoped
public class TracesSource implements MetricsSource {

    static final String NOTE = "computed from the spans received: counts and rates are as complete as the trace "
            + "sampling (Istio samples 1% of requests by default; at 1% they are about a hundredth of the "
            + "traffic); success rates and percentiles are of the sampled requests";

    private final MetricsWindows windows;

    TracesSource(MetricsWindows windows) {
        this.windows = windows;
    }

    @Override
    public String name() {
        return "traces";
    }

    @Override
    public String note() {
        long refused = windows.refusedSpans();
        if (refused == 0) {
            return NOTE;
        }
        return NOTE + "; since " + java.time.Instant.ofEpochMilli(windows.firstRefusal()) + ", " + refused
                + " spans were not counted: the metrics held " + windows.seriesHeld() + " of at most "
                + windows.maxSeries() + " series in " + windows.bytes() / (1024 * 1024) + " MiB (the caps "
                + "graylane.metrics.max-series and max-bytes); new workloads and calls are counted again as old "
                + "ones age out";
    }

    @Override
    public String percentiles() {
        return "nearest rank over a log-bucketed histogram of the spans' durations (bucket ratio 1.04): within 2%";
    }

    @Override
    public long resolutionMillis() {
        return windows.resolutionMillis();
    }

    @Override
    public Snapshot window(Scope scope, long fromMillis, long toMillis) {
        return windows.window(fromMillis, toMillis);
    }

    @Override
    public List<Snapshot> series(Scope scope, long fromMillis, long toMillis, long stepMillis) {
        return windows.series(fromMillis, toMillis, stepMillis);
    }
}
