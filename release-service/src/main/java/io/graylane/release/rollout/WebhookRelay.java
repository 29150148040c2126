package io.graylane.release.rollout;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Delivers the notifying webhooks (post-rollout, rollback, event) from their outbox: each call is made outside
 * any transaction, deleted once answered 2xx, otherwise tried again after a backoff that doubles up to five
 * minutes. Nothing is dropped: a receiver that is down gets every call once it is back (not necessarily in order).
 */
@ApplicationScoped
public class WebhookRelay {

    private static final Logger LOG = Logger.getLogger(WebhookRelay.class);
    static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    static final Duration MAX_BACKOFF = Duration.ofMinutes(5);

    private final WebhookClient client;
    private final Clock clock;

    WebhookRelay(WebhookClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void deliver() {
        List<WebhookDelivery> due = QuarkusTransaction.requiringNew()
                .call(() -> WebhookDelivery.due(OffsetDateTime.now(clock), 50));
        for (WebhookDelivery delivery : due) {
            Optional<String> failure = client.post(delivery.url, delivery.payload);
            QuarkusTransaction.requiringNew().run(() -> settle(delivery.id, failure));
        }
    }

    private void settle(long id, Optional<String> failure) {
        WebhookDelivery delivery = WebhookDelivery.findById(id);
        if (delivery == null) {
            return;
        }
        if (failure.isEmpty()) {
            delivery.delete();
            return;
        }
        delivery.attempts++;
        delivery.lastError = failure.get();
        delivery.nextAttempt = OffsetDateTime.now(clock).plus(backoff(delivery.attempts));
        LOG.warnf("%s webhook %s %s (attempt %d); trying again at %s", delivery.type, delivery.url, failure.get(),
                delivery.attempts, delivery.nextAttempt);
    }

    static Duration backoff(int attempts) {
        Duration wait = FIRST_BACKOFF.multipliedBy(1L << Math.min(attempts - 1, 20));
        return wait.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait;
    }
}
