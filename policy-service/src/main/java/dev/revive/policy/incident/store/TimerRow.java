package dev.revive.policy.incident.store;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A row of {@code timers}: the one pending timer of an incident. */
@Entity
@Table(name = "timers")
public class TimerRow {

    @Id
    @Column(name = "incident_id")
    public String incidentId;
    @Column(name = "kind")
    public String kind;
    @Column(name = "step")
    public int step;
    @Column(name = "due_at")
    public Instant dueAt;
}
