package dev.revive.policy.incident.store;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.revive.policy.incident.IncidentTimers.Timer;
import dev.revive.policy.incident.TimerKind;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** The {@code timers} table: at most one pending timer per incident, replaced with every decision. */
@ApplicationScoped
public class TimerStore {

    /** A timer that came due. */
    public record Due(String incidentId, TimerKind kind, int step) {
    }

    /** One statement (so that it pipelines with the rest of a decision's writes). */
    public Uni<Void> replace(SqlClient c, String incidentId, Timer timer) {
        if (timer == null) {
            return c.preparedQuery("DELETE FROM timers WHERE incident_id = $1").execute(Tuple.of(incidentId)).replaceWithVoid();
        }
        return c.preparedQuery("INSERT INTO timers (incident_id, kind, step, due_at) VALUES ($1, $2, $3, $4) "
                + "ON CONFLICT (incident_id) DO UPDATE SET kind = EXCLUDED.kind, step = EXCLUDED.step, due_at = EXCLUDED.due_at")
                .execute(Tuple.of(incidentId, timer.kind().name(), timer.step(), IncidentReadModel.odt(timer.dueAt())))
                .replaceWithVoid();
    }

    /** Claims a due timer inside the caller's transaction; false when another instance already fired it. */
    public Uni<Boolean> claim(SqlClient c, Due due) {
        return c.preparedQuery("DELETE FROM timers WHERE incident_id = $1 AND kind = $2 AND step = $3 AND due_at <= now()")
                .execute(Tuple.of(due.incidentId(), due.kind().name(), due.step()))
                .map(rows -> rows.rowCount() > 0);
    }

    public Uni<List<Due>> due(Pool pool, int limit) {
        return pool.preparedQuery("SELECT incident_id, kind, step FROM timers WHERE due_at <= now() ORDER BY due_at LIMIT $1")
                .execute(Tuple.of(limit))
                .map(rows -> {
                    List<Due> out = new ArrayList<>();
                    rows.forEach(r -> out.add(new Due(r.getString("incident_id"), TimerKind.valueOf(r.getString("kind")),
                            r.getInteger("step"))));
                    return out;
                });
    }
}
