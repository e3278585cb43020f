package dev.revive.policy.drill;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import dev.revive.policy.incident.store.EventStore;
import io.smallrye.mutiny.Uni;

/** The {@code drills} table (entity {@link DrillRow}). */
@ApplicationScoped
public class DrillStore {

    /** A second running drill for the target (the partial unique index). */
    public static class AlreadyRunning extends RuntimeException {
        public AlreadyRunning(String targetId) {
            super("target " + targetId + " already has a running drill");
        }
    }

    public Uni<Void> insert(Mutiny.StatelessSession s, Drill d) {
        return s.insert(DrillRow.of(d))
                .onFailure(EventStore::isUniqueViolation).transform(t -> new AlreadyRunning(d.targetId()));
    }

    public Uni<Drill> get(Mutiny.StatelessSession s, String id) {
        return s.get(DrillRow.class, id).map(r -> r == null ? null : r.toDrill());
    }

    public Uni<List<Drill>> running(Mutiny.StatelessSession s) {
        return s.createSelectionQuery("from DrillRow d where d.state = 'RUNNING'", DrillRow.class).getResultList()
                .map(DrillStore::all);
    }

    public Uni<List<Drill>> recent(Mutiny.StatelessSession s, int limit) {
        return s.createSelectionQuery("from DrillRow d order by d.startedAt desc", DrillRow.class).setMaxResults(limit)
                .getResultList().map(DrillStore::all);
    }

    /** Whether the target has a running drill. */
    public Uni<Boolean> runningFor(Mutiny.StatelessSession s, String targetId) {
        return s.createSelectionQuery("select count(d) from DrillRow d where d.targetId = :target and d.state = 'RUNNING'",
                Long.class).setParameter("target", targetId).getSingleResult().map(n -> n > 0);
    }

    /** The target's first CRITICAL incident opened at or after the drill started (the drill's incident), or null. */
    public Uni<String> incidentSince(Mutiny.StatelessSession s, String targetId, Instant since) {
        return s.createSelectionQuery("select i.id from IncidentRow i where i.targetId = :target and i.severity = 'CRITICAL' "
                + "and i.openedAt >= :since order by i.openedAt", String.class)
                .setParameter("target", targetId).setParameter("since", since).setMaxResults(1)
                .getSingleResultOrNull();
    }

    /** Stop commands sent for the target's drills since an instant (they count against its action budget). */
    public Uni<Long> stopsSince(Mutiny.StatelessSession s, String targetId, Instant since) {
        return s.createSelectionQuery("select count(d) from DrillRow d where d.targetId = :target and d.stopCommandId is not null "
                + "and d.startedAt > :since", Long.class).setParameter("target", targetId).setParameter("since", since)
                .getSingleResult();
    }

    /** Records where a running drill stands; a drill that already ended is left as it is. */
    public Uni<Void> update(Mutiny.StatelessSession s, Drill d) {
        return s.createMutationQuery("update DrillRow d set d.state = :state, d.incidentId = :incident, d.endedAt = :ended, "
                + "d.outcome = :outcome where d.id = :id and d.state = 'RUNNING'")
                .setParameter("id", d.id()).setParameter("state", d.state().name()).setParameter("incident", d.incidentId())
                .setParameter("ended", d.endedAt()).setParameter("outcome", d.outcome())
                .executeUpdate().replaceWithVoid();
    }

    /** The actuator's answer to a drill's stop command. */
    public Uni<Void> stopResult(Mutiny.StatelessSession s, String stopCommandId, String status, String reason) {
        return s.createMutationQuery("update DrillRow d set d.stopStatus = :status, d.stopReason = :reason "
                + "where d.stopCommandId = :command")
                .setParameter("command", stopCommandId).setParameter("status", status).setParameter("reason", reason)
                .executeUpdate().replaceWithVoid();
    }

    private static List<Drill> all(List<DrillRow> rows) {
        return rows.stream().map(DrillRow::toDrill).toList();
    }
}
