package dev.revive.policy.incident.store;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import dev.revive.policy.incident.IncidentState;

/** A row of the {@code incidents} projection (read model), derived from an incident's folded state. */
@Entity
@Table(name = "incidents")
public class IncidentRow {

    @Id
    @Column(name = "id")
    public String id;
    @Column(name = "target_id")
    public String targetId;
    @Column(name = "severity")
    public String severity;
    @Column(name = "phase")
    public String phase;
    @Column(name = "step")
    public int step;
    @Column(name = "last_step")
    public int lastStep;
    @Column(name = "held")
    public boolean held;
    @Column(name = "acked_by")
    public String ackedBy;
    @Column(name = "opened_at")
    public Instant openedAt;
    @Column(name = "resolved_at")
    public Instant resolvedAt;
    @Column(name = "version")
    public int version;
    @Column(name = "rule")
    public String rule;
    @Column(name = "held_by")
    public String heldBy;

    static IncidentRow of(IncidentState s) {
        IncidentRow r = new IncidentRow();
        r.id = s.incidentId();
        r.targetId = s.targetId();
        r.severity = s.severity().name();
        r.phase = s.phase().name();
        r.step = s.step();
        r.lastStep = s.lastStepRun();
        r.held = s.held();
        r.ackedBy = s.ackedBy();
        r.openedAt = s.openedAt();
        r.resolvedAt = s.resolvedAt();
        r.version = s.version();
        r.rule = s.rule();
        r.heldBy = s.heldBy();
        return r;
    }
}
