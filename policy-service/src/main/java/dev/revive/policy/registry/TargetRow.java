package dev.revive.policy.registry;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A row of {@code targets}: the TargetSpec as JSON (jsonb), the same body as on {@code revive.targets}. */
@Entity
@Table(name = "targets")
public class TargetRow {

    @Id
    @Column(name = "id")
    public String id;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "spec")
    public String spec;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
