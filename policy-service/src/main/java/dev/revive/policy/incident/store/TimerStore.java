package dev.revive.policy.incident.store;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import dev.revive.policy.db.SqlPart;
import dev.revive.policy.incident.IncidentTimers.Timer;
import dev.revive.policy.incident.TimerKind;
import io.smallrye.mutiny.Uni;

/** The {@code timers} table (entity {@link TimerRow}): at most one pending timer per incident, replaced with every decision. */
@ApplicationScoped
public class TimerStore {

    /** A timer that came due. */
    public record Due(String incidentId, TimerKind kind, int step) {
    }

    /**
     * The incident's timer inserted or replaced ({@code ON CONFLICT}, native: Hibernate Reactive's stateless
     * {@code upsert} is an UPDATE followed by an INSERT when it matched nothing, two round trips and not atomic), or
     * deleted when the state needs none: one statement, run as a part of the decision's write.
     */
    public SqlPart replace(String incidentId, Timer timer) {
        if (timer == null) {
            return new SqlPart("DELETE FROM timers WHERE incident_id = ?", List.of(incidentId));
        }
        return new SqlPart("INSERT INTO timers (incident_id, kind, step, due_at) VALUES (?, ?, ?, ?) ON CONFLICT (incident_id) "
                + "DO UPDATE SET kind = EXCLUDED.kind, step = EXCLUDED.step, due_at = EXCLUDED.due_at",
                List.of(incidentId, timer.kind().name(), timer.step(), timer.dueAt()));
    }

    /** Claims a due timer inside the caller's transaction; false when another instance already fired it. */
    public Uni<Boolean> claim(Mutiny.StatelessSession s, Due due) {
        return s.createMutationQuery("delete from TimerRow t where t.incidentId = :id and t.kind = :kind and t.step = :step "
                + "and t.dueAt <= current_instant")
                .setParameter("id", due.incidentId()).setParameter("kind", due.kind().name()).setParameter("step", due.step())
                .executeUpdate()
                .map(n -> n > 0);
    }

    public Uni<List<Due>> due(Mutiny.StatelessSession s, int limit) {
        return s.createSelectionQuery("from TimerRow t where t.dueAt <= current_instant order by t.dueAt", TimerRow.class)
                .setMaxResults(limit)
                .getResultList()
                .map(rows -> rows.stream().map(r -> new Due(r.incidentId, TimerKind.valueOf(r.kind), r.step)).toList());
    }
}
