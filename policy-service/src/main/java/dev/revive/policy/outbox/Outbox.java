package dev.revive.policy.outbox;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import dev.revive.common.envelope.Envelope;
import dev.revive.common.envelope.EnvelopeCodec;
import io.smallrye.mutiny.Uni;

/**
 * Writes messages into the {@code outbox} table ({@link OutboxMessage}) inside the caller's transaction (its
 * Hibernate Reactive session), so they leave for Kafka if and
 * only if the state change that caused them commits. An insert trigger NOTIFYs the relay.
 */
@ApplicationScoped
public class Outbox {

    /** The {@code ce_source} of everything this service publishes. */
    public static final String SOURCE = "/revive/policy";

    /** One message: a topic and an envelope, or a tombstone (null envelope) for a key. */
    public record Pending(String topic, String key, Envelope<?> envelope) {
        public static Pending of(String topic, Object body, String id, String key, java.time.Instant at) {
            return new Pending(topic, key, Envelope.of(id, body, SOURCE, key, at));
        }

        public static Pending tombstone(String topic, String key) {
            return new Pending(topic, key, null);
        }
    }

    public Uni<Void> write(Mutiny.StatelessSession s, List<Pending> messages) {
        if (messages.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<OutboxMessage> rows = new ArrayList<>(messages.size());
        for (Pending m : messages) {
            Envelope<?> e = m.envelope();
            OutboxMessage row = new OutboxMessage();
            row.topic = m.topic();
            row.msgKey = m.key();
            if (e != null) {
                row.ceId = e.id();
                row.ceType = e.type();
                row.ceTime = e.time();
                row.payload = EnvelopeCodec.body(e.data());
            }
            rows.add(row);
        }
        return s.insertMultiple(rows);
    }
}
