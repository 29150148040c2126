package io.graylane.release.domain;

import io.graylane.events.release.ReleasePhase;
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

/** One accepted change or phase change of a release; never updated. */
@Entity
@Table(name = "release_history")
public class HistoryEntry extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "release_id")
    public Long releaseId;

    @Column(name = "occurred_at")
    public OffsetDateTime occurredAt;

    public long generation;

    @Enumerated(EnumType.STRING)
    public Action action;

    public String actor;

    @Enumerated(EnumType.STRING)
    @Column(name = "previous_phase")
    public ReleasePhase previousPhase;

    @Enumerated(EnumType.STRING)
    @Column(name = "new_phase")
    public ReleasePhase newPhase;

    public String detail;

    public static List<HistoryEntry> of(Release release) {
        return list("releaseId = ?1 order by id", release.id);
    }
}
