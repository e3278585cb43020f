package dev.revive.policy.incident.store;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.hibernate.reactive.mutiny.Mutiny;

import dev.revive.common.contract.IncidentEvent;
import dev.revive.policy.config.PolicyConfig;
import dev.revive.policy.db.SqlPart;
import dev.revive.policy.incident.DecisionContext.Previous;
import dev.revive.policy.incident.IncidentState;
import io.smallrye.mutiny.Uni;

/** The {@code incidents} projection (entity {@link IncidentRow}): one row per incident, written from the folded state. */
@ApplicationScoped
public class IncidentReadModel {

    @Inject
    PolicyConfig config;

    /**
     * The row of a new incident inserted, or an existing one's updated from the version the decision read, as a part
     * of the decision's statement. A second open incident for a target (the partial unique indexes) is a unique
     * violation, which the append turns into its {@link EventStore.ConcurrencyException}: another writer opened one
     * first. An update that finds no row at {@code expectedVersion} (a rebuild replaced it meanwhile) fails the
     * statement as a serialization failure, retried from a fresh read.
     */
    public SqlPart save(IncidentState state, int expectedVersion) {
        IncidentRow r = IncidentRow.of(state);
        List<Object> p = new ArrayList<>(Arrays.asList(r.targetId, r.severity, r.phase, r.step, r.lastStep, r.held, r.ackedBy,
                r.openedAt, r.resolvedAt, r.version, r.rule, r.heldBy, r.id));
        if (expectedVersion == 0) {
            return new SqlPart("INSERT INTO incidents (target_id, severity, phase, step, last_step, held, acked_by, opened_at, "
                    + "resolved_at, version, rule, held_by, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", p);
        }
        p.add(expectedVersion);
        return new SqlPart("UPDATE incidents SET target_id = ?, severity = ?, phase = ?, step = ?, last_step = ?, held = ?, "
                + "acked_by = ?, opened_at = ?, resolved_at = ?, version = ?, rule = ?, held_by = ? WHERE id = ? AND version = ? "
                + "RETURNING 1", p, "incident " + r.id + " at version " + expectedVersion);
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
     * What a decision about a target needs besides its stream: its last resolved CRITICAL incident that was not a
     * drill's (the reset window, see {@link #FACTS_FROM}), the recovery commands issued for it since an instant (the
     * action budget), whether an active silence covers it (by id or one of its tags, at the database's now), and the
     * DOWNs the shared blast-radius guard holds within its window (0 in {@link #openWithFacts}).
     */
    public record Facts(Previous previous, int actionsSince, boolean silenced, int recentDowns) {
    }

    /**
     * The {@link Facts} in one native statement through the session: three HQL queries would be three sequential
     * round trips (a session runs one statement at a time).
     */
    public Uni<Facts> facts(Mutiny.StatelessSession s, String targetId, List<String> tags, Instant since) {
        return bind(s.createNativeQuery(factsSelect(tags, true) + FACTS_FROM, Object[].class), targetId, tags, since)
                .getSingleResult().map(IncidentReadModel::facts);
    }

    /** A target's open CRITICAL incident (its id and events; null when it has none) and the {@link Facts}. */
    public record OpenAndFacts(EventStore.Stream open, Facts facts) {
    }

    /**
     * What a verdict about a target needs, in one statement: its open CRITICAL incident's events (one row each,
     * none when it has no open incident) joined to the {@link Facts} columns.
     */
    public Uni<OpenAndFacts> openWithFacts(Mutiny.StatelessSession s, String targetId, List<String> tags, Instant since) {
        String sql = factsSelect(tags, false) + ", e.stream_id, e.type, CAST(e.payload AS text)" + FACTS_FROM
                + " LEFT JOIN incident_events e ON e.stream_id = (SELECT i.id FROM incidents i WHERE i.target_id = :target "
                + "AND i.phase <> 'RESOLVED' AND i.severity = 'CRITICAL') ORDER BY e.version";
        return bind(s.createNativeQuery(sql, Object[].class), targetId, tags, since).getResultList().map(rows -> {
            Object[] first = rows.get(0);
            if (first[6] == null) {
                return new OpenAndFacts(null, facts(first));
            }
            List<IncidentEvent> events = new ArrayList<>(rows.size());
            for (Object[] row : rows) {
                events.add(EventCodec.read((String) row[7], (String) row[8]));
            }
            return new OpenAndFacts(new EventStore.Stream((String) first[6], events), facts(first));
        });
    }

    /**
     * The six {@link Facts} columns (a SELECT list to go on), then {@link #FACTS_FROM}. {@code guard}: count the
     * blast-radius guard's DOWNs; a verdict's read does not need them (a DOWN gets the guard's answer from recording
     * itself, and an UP never acts), which keeps that scan off the health path.
     */
    private String factsSelect(List<String> tags, boolean guard) {
        return "SELECT r.id, CAST(EXTRACT(EPOCH FROM r.resolved_at) * 1000000 AS bigint), r.last_step, "
                + "(SELECT count(*) FROM incident_events e WHERE e.target_id = :target "
                + "AND e.type = 'dev.revive.incident.step-started.v1' AND e.at > :since), "
                + "EXISTS (SELECT 1 FROM silences c WHERE c.starts_at <= now() AND c.ends_at > now() "
                + "AND (c.target_id = :target" + (tags.isEmpty() ? "" : " OR c.tag IN (:tags)") + ")), "
                + (guard ? BlastRadiusGuard.recentDownsSql(config.guard().blastRadiusWindow()) : "0");
    }

    /**
     * The previous incident of the reset window is the target's last resolved CRITICAL one that was not a drill's: a
     * WARNING (a certificate, the watchdog) never ran a step and must not reset the ladder of a flapping target, and a
     * drill's outage was deliberate, so the target going down after it says nothing about its step holding.
     */
    private static final String FACTS_FROM = " FROM (SELECT 1) AS one LEFT JOIN LATERAL (SELECT id, resolved_at, last_step "
            + "FROM incidents i WHERE i.target_id = :target AND i.phase = 'RESOLVED' AND i.severity = 'CRITICAL' "
            + "AND NOT EXISTS (SELECT 1 FROM drills d WHERE d.target_id = :target AND d.incident_id = i.id) "
            + "ORDER BY i.resolved_at DESC LIMIT 1) AS r ON true";

    private static Mutiny.SelectionQuery<Object[]> bind(Mutiny.SelectionQuery<Object[]> q, String targetId, List<String> tags,
            Instant since) {
        q.setParameter("target", targetId).setParameter("since", since);
        if (!tags.isEmpty()) {
            q.setParameter("tags", tags);
        }
        return q;
    }

    private static Facts facts(Object[] row) {
        Previous previous = row[0] == null ? null
                : new Previous((String) row[0], Instant.EPOCH.plus(((Number) row[1]).longValue(), ChronoUnit.MICROS),
                        ((Number) row[2]).intValue());
        return new Facts(previous, ((Number) row[3]).intValue(), (Boolean) row[4], ((Number) row[5]).intValue());
    }
}
