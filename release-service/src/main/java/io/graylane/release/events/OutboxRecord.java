package io.graylane.release.events;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;
import java.time.OffsetDateTime;

/** What the outbox keeps of an event: where it goes and the CloudEvent exactly as it goes to Kafka. */
@MappedSuperclass
public abstract class OutboxRecord extends PanacheEntityBase {

    @Column(name = "event_id")
    public String eventId;

    public String topic;

    @Column(name = "record_key")
    public String recordKey;

    public String type;

    /** The CloudEvent in structured JSON mode, exactly as it goes to Kafka. */
    public String payload;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;
}
