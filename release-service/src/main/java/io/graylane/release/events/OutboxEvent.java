package io.graylane.release.events;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An event committed with the state change it announces, waiting for Kafka's acknowledgement. */
@Entity
@Table(name = "outbox")
public class OutboxEvent extends OutboxRecord {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
}
