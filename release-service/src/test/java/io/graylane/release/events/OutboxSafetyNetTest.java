package io.graylane.release.events;

import static io.graylane.release.Fixtures.freshNamespace;

import io.graylane.infra.IssuerResource;
import io.graylane.events.EventCodec;
import io.graylane.events.EventTypes;
import io.graylane.events.Topics;
import io.graylane.infra.KafkaResource;
import io.graylane.infra.PostgresResource;
import io.graylane.infra.SharedKafka;
import io.graylane.infra.TopicReader;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A row that reached the outbox without waking the relay (written by another replica, or before a crash)
 * is still published: the relay also polls. Everywhere else in the tests it polls once an hour, so they
 * prove that a commit alone wakes it.
 */
@QuarkusTest
@WithTestResource(IssuerResource.class)
@TestProfile(OutboxSafetyNetTest.FastPolling.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
class OutboxSafetyNetTest {

    @Test
    void publishesARowNobodyAnnounced() {
        String key = Topics.recordKey(freshNamespace(), "reviews");
        EventCodec codec = new EventCodec();
        QuarkusTransaction.requiringNew().run(() -> {
            OutboxEvent row = new OutboxEvent();
            row.eventId = java.util.UUID.randomUUID().toString();
            row.topic = Topics.RELEASES;
            row.recordKey = key;
            row.type = EventTypes.RELEASE_CREATED;
            row.payload = codec.write(codec.create("/test", EventTypes.RELEASE_CREATED, "x/y", Map.of()));
            row.createdAt = OffsetDateTime.now();
            row.persist();
        });

        try (TopicReader reader = new TopicReader(SharedKafka.broker().bootstrapServers(), Topics.RELEASES)) {
            reader.await(r -> key.equals(r.key()), 1, Duration.ofSeconds(30));
        }
    }

    /** Polls every 200 ms. */
    public static class FastPolling implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("graylane.outbox.poll-interval", "200ms");
        }
    }
}
