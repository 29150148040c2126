package io.graylane.observability.releases;

import io.graylane.events.CloudEvent;
import io.graylane.events.EventCodec;
import io.graylane.events.EventTypes;
import io.graylane.events.Topics;
import io.graylane.events.analysis.AnalysisSnapshot;
import io.graylane.messaging.AcknowledgedSend;
import io.graylane.observability.config.ObservabilityConfig;
import io.graylane.observability.metrics.MetricsSource;
import io.graylane.observability.metrics.MetricsSources;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import org.jboss.logging.Logger;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

/** Publishes an analysis snapshot of every release in progress on {@code graylane.analysis}, every interval. */
@ApplicationScoped
public class SnapshotPublisher {

    private static final Logger LOG = Logger.getLogger(SnapshotPublisher.class);

    private final ReleaseBook book;
    private final MetricsSources sources;
    private final ReleaseComparison comparison;
    private final EventCodec codec;
    private final Emitter<String> emitter;
    private final Clock clock;
    private final ObservabilityConfig.Analysis config;

    SnapshotPublisher(ReleaseBook book, MetricsSources sources, ReleaseComparison comparison, EventCodec codec,
            @Channel("analysis-out") Emitter<String> emitter, Clock clock, ObservabilityConfig config) {
        this.book = book;
        this.sources = sources;
        this.comparison = comparison;
        this.codec = codec;
        this.emitter = emitter;
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
            CloudEvent event = codec.create(config.source(), EventTypes.ANALYSIS_SNAPSHOT,
                    CloudEvent.subject(snapshot.namespace(), snapshot.name()), snapshot);
            emitter.send(Message.of(codec.write(event), Metadata.of(OutgoingKafkaRecordMetadata.<String>builder()
                    .withKey(Topics.recordKey(snapshot.namespace(), snapshot.service()))
                    .withHeaders(AcknowledgedSend.cloudEventHeaders())
                    .build())));
        }
    }
}
