package io.graylane.release.events;

import io.graylane.release.config.ReleaseServiceConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.OffsetDateTime;
import org.jboss.logging.Logger;

/** Keeps {@code processed_events} from growing for ever: ids older than the retention are deleted hourly. */
@ApplicationScoped
public class ProcessedEventsPruning {

    private static final Logger LOG = Logger.getLogger(ProcessedEventsPruning.class);

    private final ReleaseServiceConfig config;
    private final Clock clock;

    ProcessedEventsPruning(ReleaseServiceConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "1h", delay = 1, delayUnit = java.util.concurrent.TimeUnit.MINUTES,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        prune();
    }

    /** Deletes the ids processed before the retention; returns how many. */
    @Transactional
    public long prune() {
        long deleted = ProcessedEvent.delete("processedAt < ?1",
                OffsetDateTime.now(clock).minus(config.events().processedRetention()));
        if (deleted > 0) {
            LOG.infof("pruned %d processed event ids older than %s", deleted, config.events().processedRetention());
        }
        return deleted;
    }
}
