package dev.revive.policy.incident.store;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import dev.revive.policy.incident.DecisionContext.Previous;
import dev.revive.policy.incident.IncidentState;
import io.smallrye.mutiny.Uni;

/** The {@code incidents} projection (entity {@link IncidentRow}): one row per incident, written from the folded state. */
@ApplicationScoped
public class IncidentReadModel {

    /**
     * Inserts the row of a new incident or updates an existing one. A second open incident for a target (the partial
     * unique indexes) is a {@link EventStore.ConcurrencyException}: another writer opened one first.
     */
    public Uni<Void> save(Mutiny.StatelessSession s, IncidentState state, boolean isNew) {
        IncidentRow row = IncidentRow.of(state);
        return (isNew ? s.insert(row) : s.update(row))
                .onFailure(EventStore::isUniqueViolation)
                .transform(t -> new EventStore.ConcurrencyException("target " + state.targetId() + " already has an open incident", t));
    }

    /** Rows for many incidents at once (a rebuild), as batched inserts. */
    public Uni<Void> insertAll(Mutiny.StatelessSession s, List<IncidentState> states) {
        return s.insertMultiple(states.stream().map(IncidentRow::of).toList());
    }

    /** The open WARNING incident of a target for one metric rule, or null. */
    public Uni<String> openWarningOf(Mutiny.StatelessSession s, String targetId, String rule) {
        return s.createSelectionQuery("select i.id from IncidentRow i where i.targetId = :target and i.rule = :rule "
                + "and i.phase <> 'RESOLVED' and i.severity = 'WARNING'", String.class)
                .setParameter("target", targetId).setParameter("rule", rule)
                .getSingleResultOrNull();
    }

    /** An open CRITICAL incident and its hold, for the silence reconciler. */
    public record OpenCritical(String incidentId, String targetId, boolean held, String heldBy) {
    }

    public Uni<List<OpenCritical>> openCritical(Mutiny.StatelessSession s) {
        return s.createSelectionQuery("from IncidentRow i where i.phase <> 'RESOLVED' and i.severity = 'CRITICAL'", IncidentRow.class)
                .getResultList()
                .map(rows -> rows.stream().map(r -> new OpenCritical(r.id, r.targetId, r.held, r.heldBy)).toList());
    }

    /** The target's last resolved incident, for the reset window. */
    public Uni<Previous> lastResolved(Mutiny.StatelessSession s, String targetId) {
        return s.createSelectionQuery("from IncidentRow i where i.targetId = :target and i.phase = 'RESOLVED' "
                + "order by i.resolvedAt desc", IncidentRow.class)
                .setParameter("target", targetId)
                .setMaxResults(1)
                .getSingleResultOrNull()
                .map(r -> r == null ? null : new Previous(r.id, r.resolvedAt, r.lastStep));
    }

    /** Recovery commands issued for a target since an instant (the action budget). */
    public Uni<Integer> actionsSince(Mutiny.StatelessSession s, String targetId, Instant since) {
        return s.createSelectionQuery("select count(e) from StoredEvent e where e.targetId = :target "
                + "and e.type = 'dev.revive.incident.step-started.v1' and e.occurredAt > :since", Long.class)
                .setParameter("target", targetId).setParameter("since", since)
                .getSingleResult()
                .map(Long::intValue);
    }
}
