package dev.revive.policy.incident.store;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import dev.revive.policy.incident.IncidentTimers.Timer;
import dev.revive.policy.incident.TimerKind;
import io.smallrye.mutiny.Uni;

/** The {@code timers} table (entity {@link TimerRow}): at most one pending timer per incident, replaced with every decision. */
@ApplicationScoped
public class TimerStore {

    /** A timer that came due. */
    public record Due(String incidentId, TimerKind kind, int step) {
    }

    /** One statement: an upsert of the incident's timer, or its delete when the state needs none. */
    public Uni<Void> replace(Mutiny.StatelessSession s, String incidentId, Timer timer) {
        if (timer == null) {
            return s.createMutationQuery("delete from TimerRow t where t.incidentId = :id").setParameter("id", incidentId)
                    .executeUpdate().replaceWithVoid();
        }
        TimerRow row = new TimerRow();
        row.incidentId = incidentId;
        row.kind = timer.kind().name();
        row.step = timer.step();
        row.dueAt = timer.dueAt();
        return s.upsert(row);
    }

    /** Claims a due timer inside the caller's transaction; false when another instance already fired it. */
    public Uni<Boolean> claim(Mutiny.StatelessSession s, Due due) {
        return s.createMutationQuery("delete from TimerRow t where t.incidentId = :id and t.kind = :kind and t.step = :step "
                + "and t.dueAt <= current_timestamp")
                .setParameter("id", due.incidentId()).setParameter("kind", due.kind().name()).setParameter("step", due.step())
                .executeUpdate()
                .map(n -> n > 0);
    }

    public Uni<List<Due>> due(Mutiny.StatelessSession s, int limit) {
        return s.createSelectionQuery("from TimerRow t where t.dueAt <= current_timestamp order by t.dueAt", TimerRow.class)
                .setMaxResults(limit)
                .getResultList()
                .map(rows -> rows.stream().map(r -> new Due(r.incidentId, TimerKind.valueOf(r.kind), r.step)).toList());
    }
}
