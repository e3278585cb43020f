package dev.revive.policy.outbox;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.revive.common.envelope.Envelope;
import dev.revive.common.envelope.EnvelopeCodec;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Writes messages into the {@code outbox} table inside the caller's transaction, so they leave for Kafka if and
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

    public Uni<Void> write(SqlClient c, List<Pending> messages) {
        if (messages.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> batch = new ArrayList<>(messages.size());
        for (Pending m : messages) {
            Envelope<?> e = m.envelope();
            batch.add(Tuple.from(java.util.Arrays.asList(m.topic(), m.key(),
                    e == null ? null : e.id(), e == null ? null : e.type(),
                    e == null ? null : e.time().atOffset(ZoneOffset.UTC),
                    e == null ? null : Buffer.buffer(EnvelopeCodec.body(e.data())))));
        }
        return c.preparedQuery("INSERT INTO outbox (topic, msg_key, ce_id, ce_type, ce_time, payload) VALUES ($1, $2, $3, $4, $5, $6)")
                .executeBatch(batch).replaceWithVoid();
    }
}
