package dev.revive.policy.outbox;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A row of {@code outbox}, as written by Hibernate Reactive in the caller's transaction. The id is the table's
 * bigserial (IDENTITY): the relay publishes in id order, and a database sequence is what keeps ids in insert order
 * across instances (a pooled, per-instance id block would not).
 */
@Entity
@Table(name = "outbox")
public class OutboxMessage {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id")
    public Long id;
    @Column(name = "topic")
    public String topic;
    @Column(name = "msg_key")
    public String msgKey;
    @Column(name = "ce_id")
    public String ceId;
    @Column(name = "ce_type")
    public String ceType;
    @Column(name = "ce_time")
    public Instant ceTime;
    /** The CloudEvent's data (JSON bytes); null for a tombstone. */
    @Column(name = "payload")
    public byte[] payload;
}
