package io.graylane.release.rollout;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.List;

/** A notifying webhook call waiting to be delivered: written with its decision, deleted once answered 2xx. */
@Entity
@Table(name = "webhook_outbox")
public class WebhookDelivery extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String url;

    public String type;

    public String payload;

    public int attempts;

    @Column(name = "next_attempt")
    public OffsetDateTime nextAttempt;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    /** Deliveries due at {@code now}, oldest first. */
    public static List<WebhookDelivery> due(OffsetDateTime now, int limit) {
        return find("nextAttempt <= ?1 order by id", now).page(0, limit).list();
    }
}
