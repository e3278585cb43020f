package dev.revive.policy.incident.store;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.revive.policy.incident.DecisionContext.Previous;
import dev.revive.policy.incident.IncidentState;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** The {@code incidents} projection: one row per incident, upserted from the folded state. */
@ApplicationScoped
public class IncidentReadModel {

    public Uni<Void> upsert(SqlClient c, IncidentState s) {
        return c.preparedQuery("INSERT INTO incidents (id, target_id, severity, phase, step, last_step, held, acked_by, "
                + "opened_at, resolved_at, version, rule, held_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) "
                + "ON CONFLICT (id) DO UPDATE SET phase = EXCLUDED.phase, step = EXCLUDED.step, last_step = EXCLUDED.last_step, "
                + "held = EXCLUDED.held, acked_by = EXCLUDED.acked_by, resolved_at = EXCLUDED.resolved_at, version = EXCLUDED.version, "
                + "held_by = EXCLUDED.held_by")
                .execute(Tuple.from(java.util.Arrays.asList(s.incidentId(), s.targetId(), s.severity().name(), s.phase().name(),
                        s.step(), s.lastStepRun(), s.held(), s.ackedBy(), odt(s.openedAt()), odt(s.resolvedAt()), s.version(),
                        s.rule(), s.heldBy())))
                .onFailure(EventStore::isUniqueViolation)
                .transform(t -> new EventStore.ConcurrencyException("target " + s.targetId() + " already has an open incident", t))
                .replaceWithVoid();
    }

    /** The open WARNING incident of a target for one metric rule, or null. */
    public Uni<String> openWarningOf(SqlClient c, String targetId, String rule) {
        return c.preparedQuery("SELECT id FROM incidents WHERE target_id = $1 AND rule = $2 AND phase <> 'RESOLVED' "
                + "AND severity = 'WARNING'")
                .execute(Tuple.of(targetId, rule))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString("id"));
    }

    /** An open CRITICAL incident and its hold, for the silence reconciler. */
    public record OpenCritical(String incidentId, String targetId, boolean held, String heldBy) {
    }

    public Uni<List<OpenCritical>> openCritical(SqlClient c) {
        return c.preparedQuery("SELECT id, target_id, held, held_by FROM incidents WHERE phase <> 'RESOLVED' AND severity = 'CRITICAL'")
                .execute().map(rows -> {
                    List<OpenCritical> out = new ArrayList<>();
                    rows.forEach(r -> out.add(new OpenCritical(r.getString("id"), r.getString("target_id"), r.getBoolean("held"),
                            r.getString("held_by"))));
                    return out;
                });
    }

    /** The target's last resolved incident, for the reset window. */
    public Uni<Previous> lastResolved(SqlClient c, String targetId) {
        return c.preparedQuery("SELECT id, resolved_at, last_step FROM incidents WHERE target_id = $1 AND phase = 'RESOLVED' "
                + "ORDER BY resolved_at DESC LIMIT 1")
                .execute(Tuple.of(targetId))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    var r = rows.iterator().next();
                    return new Previous(r.getString("id"), r.getOffsetDateTime("resolved_at").toInstant(), r.getInteger("last_step"));
                });
    }

    /** Recovery commands issued for a target since an instant (the action budget). */
    public Uni<Integer> actionsSince(SqlClient c, String targetId, Instant since) {
        return c.preparedQuery("SELECT count(*) AS n FROM incident_events WHERE target_id = $1 "
                + "AND type = 'dev.revive.incident.step-started.v1' AND at > $2")
                .execute(Tuple.of(targetId, odt(since)))
                .map(rows -> rows.iterator().next().getLong("n").intValue());
    }

    static OffsetDateTime odt(Instant i) {
        return i == null ? null : i.atOffset(ZoneOffset.UTC);
    }
}
