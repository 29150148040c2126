package io.graylane.release.domain;

import io.graylane.events.analysis.CheckVerdict;
import io.graylane.events.release.RolloutState;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One decision of a rollout, as it was taken; never updated. */
@Entity
@Table(name = "rollout_decisions")
public class DecisionEntry extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "release_id")
    public Long releaseId;

    @Column(name = "occurred_at")
    public OffsetDateTime occurredAt;

    public long generation;

    /** 1-based. */
    public int step;

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Integer> weights;

    @JdbcTypeCode(SqlTypes.JSON)
    public List<CheckVerdict> verdicts;

    public String action;

    public String actor;

    public String reason;

    @Enumerated(EnumType.STRING)
    public RolloutState state;

    public static List<DecisionEntry> of(Release release) {
        return list("releaseId = ?1 order by id", release.id);
    }
}
