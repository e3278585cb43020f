package dev.revive.policy.incident.store;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A row of {@code incident_events}. Identified by its natural key (stream, version), which is also the
 * {@code UNIQUE(stream_id, version)} guard, so inserts need no generated id and can be batched; the global
 * {@code position} (bigserial) is filled by PostgreSQL and only read.
 */
@Entity
@Table(name = "incident_events")
@IdClass(StoredEvent.Key.class)
public class StoredEvent {

    @Id
    @Column(name = "stream_id")
    public String streamId;
    @Id
    @Column(name = "version")
    public int version;
    @Column(name = "position", insertable = false, updatable = false)
    public Long position;
    @Column(name = "target_id")
    public String targetId;
    @Column(name = "type")
    public String type;
    /** The event's JSON body, as on Kafka (jsonb). */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "payload")
    public String payload;
    @Column(name = "at")
    public Instant occurredAt;

    /** The composite id. */
    public static class Key implements Serializable {
        public String streamId;
        public int version;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.version == version && Objects.equals(k.streamId, streamId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(streamId, version);
        }
    }
}
