package dev.revive.policy.incident.store;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
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

    /**
     * What a decision about a target needs besides its stream: its last resolved incident (the reset window), the
     * recovery commands issued for it since an instant (the action budget), and whether an active silence covers it
     * (by id or one of its tags, at the database's now).
     */
    public record Facts(Previous previous, int actionsSince, boolean silenced) {
    }

    /**
     * The {@link Facts} in one native statement through the session: three HQL queries would be three sequential
     * round trips inside the decision's transaction (a session runs one statement at a time).
     */
    public Uni<Facts> facts(Mutiny.StatelessSession s, String targetId, List<String> tags, Instant since) {
        String sql = "SELECT r.id, CAST(EXTRACT(EPOCH FROM r.resolved_at) * 1000000 AS bigint), r.last_step, "
                + "(SELECT count(*) FROM incident_events e WHERE e.target_id = :target "
                + "AND e.type = 'dev.revive.incident.step-started.v1' AND e.at > :since), "
                + "EXISTS (SELECT 1 FROM silences c WHERE c.starts_at <= now() AND c.ends_at > now() "
                + "AND (c.target_id = :target" + (tags.isEmpty() ? "" : " OR c.tag IN (:tags)") + ")) "
                + "FROM (SELECT 1) AS one LEFT JOIN LATERAL (SELECT id, resolved_at, last_step FROM incidents "
                + "WHERE target_id = :target AND phase = 'RESOLVED' ORDER BY resolved_at DESC LIMIT 1) AS r ON true";
        var q = s.createNativeQuery(sql, Object[].class).setParameter("target", targetId).setParameter("since", since);
        if (!tags.isEmpty()) {
            q.setParameter("tags", tags);
        }
        return q.getSingleResult().map(row -> {
            Previous previous = row[0] == null ? null
                    : new Previous((String) row[0], Instant.EPOCH.plus(((Number) row[1]).longValue(), ChronoUnit.MICROS),
                            ((Number) row[2]).intValue());
            return new Facts(previous, ((Number) row[3]).intValue(), (Boolean) row[4]);
        });
    }
}
