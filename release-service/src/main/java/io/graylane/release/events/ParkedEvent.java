package io.graylane.release.events;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** An outbox event Kafka refused for good, kept with the reason; the relay went on without it. */
@Entity
@Table(name = "outbox_parked")
public class ParkedEvent extends OutboxRecord {

    /** Its id in the outbox. */
    @Id
    public Long id;

    @Column(name = "parked_at")
    public OffsetDateTime parkedAt;

    public String reason;

    static ParkedEvent of(OutboxEvent row, String reason, OffsetDateTime now) {
        ParkedEvent parked = new ParkedEvent();
        parked.id = row.id;
        parked.eventId = row.eventId;
        parked.topic = row.topic;
        parked.recordKey = row.recordKey;
        parked.type = row.type;
        parked.payload = row.payload;
        parked.createdAt = row.createdAt;
        parked.parkedAt = now;
        parked.reason = reason;
        return parked;
    }
}
