package io.graylane.release.domain;

import io.graylane.events.release.Baseline;
import io.graylane.events.release.Candidate;
import io.graylane.events.release.Intent;
import io.graylane.events.release.ReleasePhase;
import io.graylane.events.release.Rollout;
import io.graylane.events.release.RolloutState;
import io.graylane.events.release.Strategy;
import io.graylane.events.release.TrafficPolicy;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Parameters;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A release job: its desired state (spec, intent, governor, generation) and what is observed of it. */
@Entity
@Table(name = "releases")
public class Release extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String namespace;
    public String name;
    public String service;

    @Enumerated(EnumType.STRING)
    public Strategy strategy;

    @JdbcTypeCode(SqlTypes.JSON)
    public Baseline baseline;

    @JdbcTypeCode(SqlTypes.JSON)
    public Candidate candidate;

    /** Whether offline deletes a baseline Graylane did not create rather than scaling it to zero. */
    @Column(name = "remove_baseline")
    public boolean removeBaseline;

    @JdbcTypeCode(SqlTypes.JSON)
    public TrafficPolicy traffic;

    /** How the release moves by itself; {@code null} for a release moved by hand. */
    @JdbcTypeCode(SqlTypes.JSON)
    public Rollout rollout;

    /** Where the rollout stands; {@code null} without a rollout. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "rollout_status")
    public RolloutStatus rolloutStatus;

    @Enumerated(EnumType.STRING)
    public ReleasePhase phase;

    @Enumerated(EnumType.STRING)
    public Intent intent;

    /** The version receiving all traffic after a takeover or rollback. */
    public String governor;

    /** Increases with every accepted change. */
    public long generation;

    /** The newest generation traffic-service reported as applied. */
    @Column(name = "observed_generation")
    public long observedGeneration;

    @JdbcTypeCode(SqlTypes.JSON)
    public List<Condition> conditions = new ArrayList<>();

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    /** Optimistic lock: a writer that did not take the row lock cannot overwrite a newer state. */
    @Version
    public long version;

    public static Optional<Release> findByName(String namespace, String name) {
        return find("namespace = ?1 and name = ?2", namespace, name).firstResultOptional();
    }

    /**
     * The release, locked until the transaction ends: writers of one release take turns, so each decides on
     * the latest committed state (and an If-Match is checked against it).
     */
    public static Optional<Release> findByNameForUpdate(String namespace, String name) {
        return find("namespace = ?1 and name = ?2", namespace, name)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    /** The releases of a namespace, oldest first; {@code service} and {@code phase} filter when set. */
    public static List<Release> inNamespace(String namespace, String service, ReleasePhase phase) {
        StringBuilder query = new StringBuilder("namespace = :namespace");
        Parameters parameters = Parameters.with("namespace", namespace);
        if (service != null) {
            query.append(" and service = :service");
            parameters.and("service", service);
        }
        if (phase != null) {
            query.append(" and phase = :phase");
            parameters.and("phase", phase);
        }
        return list(query + " order by createdAt, id", parameters);
    }

    /** The release of {@code service} that is not Completed or RolledBack, if any. */
    public static Optional<Release> findInProgress(String namespace, String service) {
        return find("namespace = ?1 and service = ?2 and phase not in ?3", namespace, service,
                List.of(ReleasePhase.Completed, ReleasePhase.RolledBack)).firstResultOptional();
    }

    /** The releases in progress with a rollout: those the rollout timers look after. */
    public static List<Release> underRollout() {
        return list("rollout is not null and phase not in ?1", List.of(ReleasePhase.Completed,
                ReleasePhase.RolledBack));
    }

    /** Whether a rollout moves this release's traffic now (analysing or paused in a step). */
    public boolean rolloutMovesTraffic() {
        return rolloutStatus != null && (rolloutStatus.state() == RolloutState.Analysing
                || rolloutStatus.state() == RolloutState.Paused);
    }

    /** Whether {@code version} is the baseline's or the candidate's. */
    public boolean hasVersion(String version) {
        return baseline.version().equals(version) || candidate.version().equals(version);
    }

    /** The version that is not {@code version}. */
    public String otherVersion(String version) {
        return baseline.version().equals(version) ? candidate.version() : baseline.version();
    }
}
