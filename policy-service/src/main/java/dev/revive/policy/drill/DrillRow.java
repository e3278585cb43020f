package dev.revive.policy.drill;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import dev.revive.policy.drill.Drill.Mode;
import dev.revive.policy.drill.Drill.State;

/** A row of {@code drills}; mapped explicitly to and from {@link Drill}. */
@Entity
@Table(name = "drills")
public class DrillRow {

    @Id
    @Column(name = "id")
    public String id;
    @Column(name = "target_id")
    public String targetId;
    @Column(name = "mode")
    public String mode;
    @Column(name = "state")
    public String state;
    @Column(name = "started_at")
    public Instant startedAt;
    @Column(name = "deadline")
    public Instant deadline;
    @Column(name = "incident_id")
    public String incidentId;
    @Column(name = "stop_command_id")
    public String stopCommandId;
    @Column(name = "stop_status")
    public String stopStatus;
    @Column(name = "stop_reason")
    public String stopReason;
    @Column(name = "ended_at")
    public Instant endedAt;
    @Column(name = "outcome")
    public String outcome;
    @Column(name = "created_by")
    public String createdBy;

    static DrillRow of(Drill d) {
        DrillRow r = new DrillRow();
        r.id = d.id();
        r.targetId = d.targetId();
        r.mode = d.mode().wire();
        r.state = d.state().name();
        r.startedAt = d.startedAt();
        r.deadline = d.deadline();
        r.incidentId = d.incidentId();
        r.stopCommandId = d.stopCommandId();
        r.stopStatus = d.stopStatus();
        r.stopReason = d.stopReason();
        r.endedAt = d.endedAt();
        r.outcome = d.outcome();
        r.createdBy = d.createdBy();
        return r;
    }

    Drill toDrill() {
        return new Drill(id, targetId, Mode.lookup(mode), State.valueOf(state), startedAt, deadline, incidentId, stopCommandId,
                stopStatus, stopReason, endedAt, outcome, createdBy);
    }
}
