package io.graylane.release.events;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** An event committed with the state change it announces, waiting for Kafka's acknowledgement. */
@Entity
@Table(name = "outbox")
public class OutboxEvent extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

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
