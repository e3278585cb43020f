package dev.revive.policy.incident.store;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.revive.common.contract.IncidentEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;

/**
 * Append-only incident streams in {@code incident_events}. An append names the version it expects the stream to
 * be at; the {@code UNIQUE(stream_id, version)} constraint turns a concurrent writer into a
 * {@link ConcurrencyException}, and the caller re-reads and decides again.
 */
@ApplicationScoped
public class EventStore {

    /** Another writer appended to the stream first. */
    public static class ConcurrencyException extends RuntimeException {
        public ConcurrencyException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public Uni<List<IncidentEvent>> load(SqlConnection c, String streamId) {
        return c.preparedQuery("SELECT type, payload::text AS payload FROM incident_events WHERE stream_id = $1 ORDER BY version")
                .execute(Tuple.of(streamId))
                .map(rows -> {
                    List<IncidentEvent> out = new ArrayList<>();
                    for (Row r : rows) {
                        out.add(EventCodec.read(r.getString("type"), r.getString("payload")));
                    }
                    return out;
                });
    }

    /** The open CRITICAL incident of a target and its events, in one statement; null when it has none. */
    public Uni<Stream> loadOpenOf(SqlConnection c, String targetId) {
        return c.preparedQuery("SELECT stream_id, type, payload::text AS payload FROM incident_events WHERE stream_id = "
                + "(SELECT id FROM incidents WHERE target_id = $1 AND phase <> 'RESOLVED' AND severity = 'CRITICAL') ORDER BY version")
                .execute(Tuple.of(targetId))
                .map(rows -> {
                    String id = null;
                    List<IncidentEvent> out = new ArrayList<>();
                    for (Row r : rows) {
                        id = r.getString("stream_id");
                        out.add(EventCodec.read(r.getString("type"), r.getString("payload")));
                    }
                    return id == null ? null : new Stream(id, out);
                });
    }

    /** A stream and its events. */
    public record Stream(String id, List<IncidentEvent> events) {
    }

    public Uni<Void> append(SqlConnection c, String streamId, int expectedVersion, List<IncidentEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> batch = new ArrayList<>(events.size());
        int v = expectedVersion;
        for (IncidentEvent e : events) {
            v++;
            batch.add(Tuple.of(streamId, v, e.targetId(), EventCodec.type(e), EventCodec.json(e), e.at().atOffset(ZoneOffset.UTC)));
        }
        return c.preparedQuery("INSERT INTO incident_events (stream_id, version, target_id, type, payload, at) "
                + "VALUES ($1, $2, $3, $4, $5::text::jsonb, $6)")
                .executeBatch(batch)
                .onFailure(EventStore::isUniqueViolation)
                .transform(t -> new ConcurrencyException("stream " + streamId + " moved past version " + expectedVersion, t))
                .replaceWithVoid();
    }

    public static boolean isUniqueViolation(Throwable t) {
        return t instanceof PgException pg && "23505".equals(pg.getSqlState());
    }
}
