package dev.revive.policy.outbox;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import dev.revive.common.envelope.Envelope;
import dev.revive.common.envelope.EnvelopeCodec;
import io.smallrye.mutiny.Uni;

/**
 * Writes messages into the {@code outbox} table inside the caller's transaction (its Hibernate Reactive session), so
 * they leave for Kafka if and only if the state change that caused them commits. An insert trigger NOTIFYs the relay.
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

    /**
     * One multi-row INSERT through the caller's Hibernate Reactive session, so one round trip for any number of
     * messages. Not entity inserts: the id is the table's bigserial, which Hibernate can only fill as IDENTITY, one
     * INSERT ... RETURNING per row (it cannot batch them); and a pooled sequence block per instance would break the
     * id order the relay publishes in across instances.
     */
    public Uni<Void> write(Mutiny.StatelessSession s, List<Pending> messages) {
        if (messages.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        StringBuilder sql = new StringBuilder("INSERT INTO outbox (topic, msg_key, ce_id, ce_type, ce_time, payload) VALUES ");
        for (int i = 0; i < messages.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?)");
        }
        var q = s.createNativeQuery(sql.toString());
        int p = 1;
        for (Pending m : messages) {
            Envelope<?> e = m.envelope();
            q.setParameter(p++, m.topic());
            q.setParameter(p++, m.key());
            q.setParameter(p++, e == null ? null : e.id());
            q.setParameter(p++, e == null ? null : e.type());
            q.setParameter(p++, e == null ? null : e.time());
            q.setParameter(p++, e == null ? null : EnvelopeCodec.body(e.data()));
        }
        return q.executeUpdate().replaceWithVoid();
    }
}
