package dev.revive.policy.incident.store;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.JDBCException;
import org.hibernate.reactive.mutiny.Mutiny;

import dev.revive.common.contract.IncidentEvent;
import dev.revive.policy.db.SqlPart;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;

/**
 * Append-only incident streams in {@code incident_events} (entity {@link StoredEvent}). An append names the version
 * it expects the stream to be at; the {@code UNIQUE(stream_id, version)} constraint turns a concurrent writer into a
 * {@link ConcurrencyException}, and the caller re-reads and decides again. An append is one native multi-row INSERT
 * through the stateless session, with everything else the decision writes in the same statement; the entity maps the
 * rows for reads and the rebuild.
 */
@ApplicationScoped
public class EventStore {

    /** Another writer appended to the stream first. */
    public static class ConcurrencyException extends RuntimeException {
        public ConcurrencyException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public Uni<List<IncidentEvent>> load(Mutiny.StatelessSession s, String streamId) {
        return s.createSelectionQuery("from StoredEvent e where e.streamId = :stream order by e.version", StoredEvent.class)
                .setParameter("stream", streamId)
                .getResultList()
                .map(EventStore::events);
    }

    /** The open CRITICAL incident of a target and its events, in one statement; null when it has none. */
    public Uni<Stream> loadOpenOf(Mutiny.StatelessSession s, String targetId) {
        return s.createSelectionQuery("from StoredEvent e where e.streamId = (select i.id from IncidentRow i "
                + "where i.targetId = :target and i.phase <> 'RESOLVED' and i.severity = 'CRITICAL') order by e.version",
                StoredEvent.class)
                .setParameter("target", targetId)
                .getResultList()
                .map(rows -> rows.isEmpty() ? null : new Stream(rows.get(0).streamId, events(rows)));
    }

    /** A stream and its events. */
    public record Stream(String id, List<IncidentEvent> events) {
    }

    public Uni<Void> append(Mutiny.StatelessSession s, String streamId, int expectedVersion, List<IncidentEvent> events) {
        return append(s, streamId, expectedVersion, events, List.of());
    }

    /**
     * Appends the events at the expected version and, in the same statement, runs {@code alongside} (the read
     * model's row, the timer, the outbox messages: data-modifying CTEs), so a decision's whole write is one round
     * trip and atomic even outside a transaction. A unique violation anywhere in it (the stream moved on, or another
     * writer opened an incident for the target first) is a {@link ConcurrencyException} and nothing of it is written;
     * so is a part that expected to change one row and did not (see {@link #isTransient}).
     */
    public Uni<Void> append(Mutiny.StatelessSession s, String streamId, int expectedVersion, List<IncidentEvent> events,
            List<SqlPart> alongside) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Object> params = new ArrayList<>(events.size() * 6);
        int v = expectedVersion;
        for (IncidentEvent e : events) {
            params.add(streamId);
            params.add(++v);
            params.add(e.targetId());
            params.add(EventCodec.type(e));
            params.add(EventCodec.json(e));
            params.add(e.at());
        }
        // The payload through text: a parameter typed jsonb by the cast would be sent as a JSON string (double-encoded).
        List<SqlPart> parts = new ArrayList<>(alongside.size() + 1);
        parts.add(new SqlPart("INSERT INTO incident_events (stream_id, version, target_id, type, payload, at) VALUES "
                + SqlPart.values(events.size(), "(?, ?, ?, ?, CAST(CAST(? AS text) AS jsonb), ?)"), params));
        parts.addAll(alongside);
        return SqlPart.atomically(s, parts)
                .onFailure(EventStore::isUniqueViolation)
                .transform(t -> new ConcurrencyException("stream " + streamId + " moved past version " + expectedVersion
                        + ", or its target already has an open incident", t));
    }

    static List<IncidentEvent> events(List<StoredEvent> rows) {
        List<IncidentEvent> out = new ArrayList<>(rows.size());
        for (StoredEvent r : rows) {
            out.add(EventCodec.read(r.type, r.payload));
        }
        return out;
    }

    /** PostgreSQL's unique_violation (23505), however Hibernate Reactive wrapped it. */
    public static boolean isUniqueViolation(Throwable t) {
        return hasSqlState(t, "23505");
    }

    /**
     * A deadlock (40P01) or serialization failure (40001): PostgreSQL rolled the transaction back and the same work
     * can simply run again. Seen in a fault drill: a restarted instance decided a delivery receipt and a due timer of
     * one incident at once, and the receipt was dead-lettered instead of retried.
     */
    public static boolean isTransient(Throwable t) {
        return hasSqlState(t, "40P01") || hasSqlState(t, "40001");
    }

    private static boolean hasSqlState(Throwable t, String wanted) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            String state = c instanceof PgException pg ? pg.getSqlState()
                    : c instanceof JDBCException jdbc ? jdbc.getSQLState()
                    : c instanceof SQLException sql ? sql.getSQLState() : null;
            if (wanted.equals(state)) {
                return true;
            }
        }
        return false;
    }
}
