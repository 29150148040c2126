package io.graylane.release.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.graylane.events.Topics;
import io.graylane.messaging.AcknowledgedSend;
import io.graylane.release.config.ReleaseServiceConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.jboss.logging.Logger;

/**
 * Publishes outbox rows to Kafka in id order, right after the transaction that wrote them commits, and
 * every poll interval as a safety net. A row is deleted only once Kafka acknowledged it, so nothing is lost
 * while Kafka is down; a PostgreSQL advisory lock lets one replica publish at a time, keeping the order.
 * A row Kafka refuses for good ({@link PermanentRefusal}) is parked instead: moved to {@code outbox_parked}
 * with the reason, announced on {@code graylane.releases.dead-letter} and counted
 * ({@code graylane_outbox_parked_total}), so that the events behind it still go out.
 */
@ApplicationScoped
public class OutboxRelay {

    static final String CHANNEL = "releases-out";
    static final String DEAD_LETTER_TOPIC = Topics.RELEASES_DEAD_LETTER;
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** Any constant shared by all replicas: "graylane outbox". */
    private static final long ADVISORY_LOCK = 0x6772_6179_6f75_7462L;

    private final Emitter<String> emitter;
    private final EntityManager entityManager;
    private final ReleaseServiceConfig.Outbox config;
    private final Semaphore wakeUps = new Semaphore(0);
    private final Counter published;
    private final Counter failures;
    private final Counter parked;
    private final Clock clock;
    private final ObjectMapper json;
    private volatile boolean running;
    private Thread worker;

    OutboxRelay(@Channel(CHANNEL) Emitter<String> emitter, EntityManager entityManager,
            ReleaseServiceConfig config, MeterRegistry registry, Clock clock, ObjectMapper json) {
        this.emitter = emitter;
        this.entityManager = entityManager;
        this.config = config.outbox();
        this.published = registry.counter("graylane.outbox.published");
        this.failures = registry.counter("graylane.outbox.publish.failures");
        this.parked = registry.counter("graylane.outbox.parked");
        this.clock = clock;
        this.json = json;
    }

    void start(@Observes StartupEvent startup) {
        running = true;
        worker = new Thread(this::run, "outbox-relay");
        worker.setDaemon(true);
        worker.start();
    }

    void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
        running = false;
        wakeUps.release();
        worker.join(TimeUnit.SECONDS.toMillis(10));
    }

    /** A transaction that wrote events committed: publish them now. */
    void onCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) OutboxWritten written) {
        wakeUps.release();
    }

    private void run() {
        Duration backoff = Duration.ZERO;
        while (running) {
            try {
                wakeUps.tryAcquire(backoff.isZero() ? config.pollInterval().toMillis() : backoff.toMillis(),
                        TimeUnit.MILLISECONDS);
                wakeUps.drainPermits();
                backoff = publishAll() ? Duration.ZERO : next(backoff);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warnf("outbox relay: %s; retrying", e.toString());
                backoff = next(backoff);
            }
        }
    }

    private Duration next(Duration backoff) {
        Duration doubled = backoff.isZero() ? Duration.ofMillis(100) : backoff.multipliedBy(2);
        return doubled.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : doubled;
    }

    /** Publishes batches until the outbox is empty; false when Kafka did not acknowledge everything. */
    private boolean publishAll() {
        Batch batch;
        do {
            batch = QuarkusTransaction.requiringNew()
                    .timeout((int) config.ackTimeout().plusSeconds(30).toSeconds())
                    .call(this::publishBatch);
        } while (batch.complete() && batch.size() == config.batchSize());
        return batch.complete();
    }

    private Batch publishBatch() {
        if (!Boolean.TRUE.equals(entityManager.createNativeQuery("SELECT pg_try_advisory_xact_lock(?1)")
                .setParameter(1, ADVISORY_LOCK).getSingleResult())) {
            return new Batch(0, true);
        }
        List<OutboxEvent> rows = OutboxEvent.find("order by id").page(0, config.batchSize()).list();
        List<CompletableFuture<Void>> acks = rows.stream().map(this::send).toList();
        Acknowledged acknowledged = awaitAcknowledged(acks);
        rows.subList(0, acknowledged.count()).forEach(OutboxEvent::delete);
        published.increment(acknowledged.count());
        if (acknowledged.count() == rows.size()) {
            return new Batch(rows.size(), true);
        }
        Optional<String> refusal = PermanentRefusal.of(acknowledged.failure());
        if (refusal.isPresent()) {
            park(rows.get(acknowledged.count()), refusal.get());
            return new Batch(config.batchSize(), true);
        }
        failures.increment();
        return new Batch(rows.size(), false);
    }

    private void park(OutboxEvent row, String reason) {
        LOG.errorf("outbox relay: Kafka refused event %s (%s of %s) for good: %s; parked in outbox_parked and"
                + " announced on %s", row.eventId, row.type, row.recordKey, reason, DEAD_LETTER_TOPIC);
        ParkedEvent.of(row, reason, OffsetDateTime.now(clock)).persist();
        row.delete();
        parked.increment();
        Map<String, Object> announcement = new LinkedHashMap<>();
        announcement.put("eventId", row.eventId);
        announcement.put("type", row.type);
        announcement.put("topic", row.topic);
        announcement.put("key", row.recordKey);
        announcement.put("characters", row.payload.length());
        announcement.put("reason", reason);
        announcement.put("parkedIn", "outbox_parked");
        String value;
        try {
            value = json.writeValueAsString(announcement);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        AcknowledgedSend.send(emitter, DEAD_LETTER_TOPIC, row.recordKey, value, new RecordHeaders())
                .exceptionally(e -> {
                    LOG.warnf("outbox relay: could not announce parked event %s: %s", row.eventId, e.toString());
                    return null;
                });
    }

    /** How many events, counted from the first, Kafka acknowledged, and why the next was not. */
    private Acknowledged awaitAcknowledged(List<CompletableFuture<Void>> acks) {
        long deadline = System.nanoTime() + config.ackTimeout().toNanos();
        for (int i = 0; i < acks.size(); i++) {
            try {
                acks.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Acknowledged(i, e);
            } catch (Exception e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                LOG.warnf("outbox relay: Kafka did not acknowledge event %d of %d: %s", i + 1, acks.size(), cause);
                return new Acknowledged(i, cause);
            }
        }
        return new Acknowledged(acks.size(), null);
    }

    private record Acknowledged(int count, Throwable failure) {
    }

    private CompletableFuture<Void> send(OutboxEvent row) {
        return AcknowledgedSend.send(emitter, row.topic, row.recordKey, row.payload,
                AcknowledgedSend.cloudEventHeaders());
    }

    private record Batch(int size, boolean complete) {
    }
}
