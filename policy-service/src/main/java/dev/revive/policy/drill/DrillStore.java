package dev.revive.policy.drill;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.revive.policy.drill.Drill.Mode;
import dev.revive.policy.drill.Drill.State;
import dev.revive.policy.incident.store.EventStore;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** The {@code drills} table. */
@ApplicationScoped
public class DrillStore {

    /** A second running drill for the target (the partial unique index). */
    public static class AlreadyRunning extends RuntimeException {
        public AlreadyRunning(String targetId) {
            super("target " + targetId + " already has a running drill");
        }
    }

    private static final String COLUMNS = "id, target_id, mode, state, started_at, deadline, incident_id, stop_command_id, "
            + "stop_status, stop_reason, ended_at, outcome, created_by";

    public Uni<Void> insert(SqlClient c, Drill d) {
        return c.preparedQuery("INSERT INTO drills (" + COLUMNS + ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)")
                .execute(Tuple.from(Arrays.asList(d.id(), d.targetId(), d.mode().wire(), d.state().name(), odt(d.startedAt()),
                        odt(d.deadline()), d.incidentId(), d.stopCommandId(), d.stopStatus(), d.stopReason(), odt(d.endedAt()),
                        d.outcome(), d.createdBy())))
                .onFailure(EventStore::isUniqueViolation).transform(t -> new AlreadyRunning(d.targetId()))
                .replaceWithVoid();
    }

    public Uni<Drill> get(SqlClient c, String id) {
        return c.preparedQuery("SELECT " + COLUMNS + " FROM drills WHERE id = $1").execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? null : read(rows.iterator().next()));
    }

    public Uni<List<Drill>> running(SqlClient c) {
        return c.preparedQuery("SELECT " + COLUMNS + " FROM drills WHERE state = 'RUNNING'").execute().map(DrillStore::all);
    }

    public Uni<List<Drill>> recent(SqlClient c, int limit) {
        return c.preparedQuery("SELECT " + COLUMNS + " FROM drills ORDER BY started_at DESC LIMIT $1").execute(Tuple.of(limit))
                .map(DrillStore::all);
    }

    /** Whether the target has a running drill. */
    public Uni<Boolean> runningFor(SqlClient c, String targetId) {
        return c.preparedQuery("SELECT 1 FROM drills WHERE target_id = $1 AND state = 'RUNNING'").execute(Tuple.of(targetId))
                .map(rows -> rows.size() > 0);
    }

    /** The target's first CRITICAL incident opened at or after the drill started (the drill's incident), or null. */
    public Uni<String> incidentSince(SqlClient c, String targetId, Instant since) {
        return c.preparedQuery("SELECT id FROM incidents WHERE target_id = $1 AND severity = 'CRITICAL' AND opened_at >= $2 "
                + "ORDER BY opened_at LIMIT 1")
                .execute(Tuple.of(targetId, odt(since)))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString("id"));
    }

    /** Records where a running drill stands; a drill that already ended is left as it is. */
    public Uni<Void> update(SqlClient c, Drill d) {
        return c.preparedQuery("UPDATE drills SET state = $2, incident_id = $3, ended_at = $4, outcome = $5 "
                + "WHERE id = $1 AND state = 'RUNNING'")
                .execute(Tuple.from(Arrays.asList(d.id(), d.state().name(), d.incidentId(), odt(d.endedAt()), d.outcome())))
                .replaceWithVoid();
    }

    /** The actuator's answer to a drill's stop command. */
    public Uni<Void> stopResult(SqlClient c, String stopCommandId, String status, String reason) {
        return c.preparedQuery("UPDATE drills SET stop_status = $2, stop_reason = $3 WHERE stop_command_id = $1")
                .execute(Tuple.of(stopCommandId, status, reason)).replaceWithVoid();
    }

    private static List<Drill> all(RowSet<Row> rows) {
        List<Drill> out = new ArrayList<>();
        rows.forEach(r -> out.add(read(r)));
        return out;
    }

    private static Drill read(Row r) {
        return new Drill(r.getString("id"), r.getString("target_id"), Mode.lookup(r.getString("mode")),
                State.valueOf(r.getString("state")), instant(r, "started_at"), instant(r, "deadline"), r.getString("incident_id"),
                r.getString("stop_command_id"), r.getString("stop_status"), r.getString("stop_reason"), instant(r, "ended_at"),
                r.getString("outcome"), r.getString("created_by"));
    }

    private static Instant instant(Row r, String col) {
        OffsetDateTime t = r.getOffsetDateTime(col);
        return t == null ? null : t.toInstant();
    }

    private static OffsetDateTime odt(Instant i) {
        return i == null ? null : i.atOffset(ZoneOffset.UTC);
    }
}
