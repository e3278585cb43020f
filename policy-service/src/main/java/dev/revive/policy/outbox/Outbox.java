package dev.revive.policy.outbox;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import dev.revive.common.envelope.Envelope;
import dev.revive.common.envelope.EnvelopeCodec;
import dev.revive.policy.db.SqlPart;
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
        return messages.isEmpty() ? Uni.createFrom().voidItem() : insert(messages).execute(s).replaceWithVoid();
    }

    /** The INSERT of {@link #write} as a statement part, to run inside another statement; {@code messages} not empty. */
    public SqlPart insert(List<Pending> messages) {
        List<Object> params = new ArrayList<>(messages.size() * 6);
        for (Pending m : messages) {
            Envelope<?> e = m.envelope();
            params.add(m.topic());
            params.add(m.key());
            params.add(e == null ? null : e.id());
            params.add(e == null ? null : e.type());
            params.add(e == null ? null : e.time());
            params.add(e == null ? null : EnvelopeCodec.body(e.data()));
        }
        return new SqlPart("INSERT INTO outbox (topic, msg_key, ce_id, ce_type, ce_time, payload) VALUES "
                + SqlPart.values(messages.size(), "(?, ?, ?, ?, ?, ?)"), params);
    }
}
