package io.graylane.observability.releases;

import io.graylane.events.EventTypes;
import io.graylane.events.analysis.AnalysisSnapshot;
import io.graylane.observability.config.ObservabilityConfig;
import io.graylane.observability.metrics.MetricsSource;
import io.graylane.observability.metrics.MetricsSources;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import org.jboss.logging.Logger;

/** Publishes an analysis snapshot of every release in progress on {@code graylane.analysis}, every interval. */
@ApplicationScoped
public class SnapshotPublisher {

    private static final Logger LOG = Logger.getLogger(SnapshotPublisher.class);

    private final ReleaseBook book;
    private final MetricsSources sources;
    private final ReleaseComparison comparison;
    private final AnalysisPublisher publisher;
    private final Clock clock;
    private final ObservabilityConfig.Analysis config;

    SnapshotPublisher(ReleaseBook book, MetricsSources sources, ReleaseComparison comparison,
            AnalysisPublisher publisher, Clock clock, ObservabilityConfig config) {
        this.book = book;
        this.sources = sources;
        this.comparison = comparison;
        this.publisher = publisher;
        this.clock = clock;
        this.config = config.analysis();
    }

    @Scheduled(every = "${graylane.analysis.interval:30s}", delayed = "${graylane.analysis.interval:30s}")
    void publish() {
        long now = clock.millis();
        MetricsSource source = sources.preferred();
        for (ReleaseBook.Entry release : book.inProgress()) {
            AnalysisSnapshot snapshot;
            try {
                snapshot = comparison.compare(release, source, now - config.window().toMillis(), now);
            } catch (MetricsSource.SourceUnavailable e) {
                // No snapshot rather than one of made-up numbers; the next interval tries again.
                LOG.warnf("no analysis snapshots this interval: %s", e.getMessage());
                return;
            }
            publisher.publish(EventTypes.ANALYSIS_SNAPSHOT, snapshot.namespace(), snapshot.name(), snapshot.service(),
                    snapshot);
        }
    }
}
