package io.graylane.release.events;

import io.graylane.events.CloudEvent;
import io.graylane.events.EventCodec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.OffsetDateTime;

/** Writes events in the caller's transaction; {@link OutboxRelay} publishes them once it commits. */
@ApplicationScoped
public class Outbox {

    private final EventCodec codec;
    private final Clock clock;
    private final Event<OutboxWritten> written;

    Outbox(EventCodec codec, Clock clock, Event<OutboxWritten> written) {
        this.codec = codec;
        this.clock = clock;
        this.written = written;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void add(String topic, String recordKey, CloudEvent event) {
        OutboxEvent row = new OutboxEvent();
        row.eventId = event.id();
        row.topic = topic;
        row.recordKey = recordKey;
        row.type = event.type();
        row.payload = codec.write(event);
        row.createdAt = OffsetDateTime.now(clock);
        row.persist();
        written.fire(new OutboxWritten());
    }
}
