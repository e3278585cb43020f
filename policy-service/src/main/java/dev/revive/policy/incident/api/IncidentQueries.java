package dev.revive.policy.incident.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.revive.common.contract.IncidentEvent;
import dev.revive.policy.db.Transactions;
import dev.revive.policy.incident.IncidentEvolver;
import dev.revive.policy.incident.IncidentState;
import dev.revive.policy.incident.Timeline;
import dev.revive.policy.incident.store.EventCodec;
import dev.revive.policy.incident.store.IncidentRow;
import dev.revive.policy.incident.store.StoredEvent;
import io.smallrye.mutiny.Uni;

/** Reads for the API: the incidents projection, and an incident's timeline straight from its events. */
@ApplicationScoped
public class IncidentQueries {

    @Inject
    Transactions tx;

    /**
     * @param state  {@code open}, {@code resolved}, or a phase name (GRACE, RUNNING ...); null for all
     * @param target a target id; null for all
     */
    public Uni<List<Map<String, Object>>> list(String state, String target) {
        StringBuilder hql = new StringBuilder("from IncidentRow i where 1 = 1");
        String phase = null;
        if (target != null) {
            hql.append(" and i.targetId = :target");
        }
        if (state != null) {
            switch (state.toLowerCase()) {
                case "open" -> hql.append(" and i.phase <> 'RESOLVED'");
                case "resolved" -> hql.append(" and i.phase = 'RESOLVED'");
                default -> {
                    phase = state.toUpperCase();
                    hql.append(" and i.phase = :phase");
                }
            }
        }
        hql.append(" order by i.openedAt desc");
        String p = phase;
        return tx.read(s -> {
            var q = s.createSelectionQuery(hql.toString(), IncidentRow.class).setMaxResults(500);
            if (target != null) {
                q.setParameter("target", target);
            }
            if (p != null) {
                q.setParameter("phase", p);
            }
            return q.getResultList();
        }).map(rows -> rows.stream().map(IncidentQueries::row).toList());
    }

    /** The incident's current state and full timeline, or null when there is no such stream. */
    public Uni<Map<String, Object>> get(String id) {
        return tx.read(s -> s.createSelectionQuery("from StoredEvent e where e.streamId = :stream order by e.version", StoredEvent.class)
                .setParameter("stream", id).getResultList()).map(rows -> {
                    if (rows.isEmpty()) {
                        return null;
                    }
                    List<IncidentEvent> events = new ArrayList<>();
                    List<Map<String, Object>> timeline = new ArrayList<>();
                    for (StoredEvent r : rows) {
                        IncidentEvent e = EventCodec.read(r.type, r.payload);
                        events.add(e);
                        Map<String, Object> t = new LinkedHashMap<>();
                        t.put("version", r.version);
                        t.put("position", r.position);
                        t.put("at", e.at());
                        t.put("type", r.type);
                        t.put("kind", e.getClass().getSimpleName());
                        t.put("text", Timeline.describe(e));
                        t.put("event", e);
                        timeline.add(t);
                    }
                    IncidentState s = IncidentEvolver.fold(IncidentState.empty(id, events.get(0).targetId()), events);
                    Map<String, Object> out = new LinkedHashMap<>();
                    out.put("id", id);
                    out.put("targetId", s.targetId());
                    out.put("severity", s.severity());
                    out.put("phase", s.phase());
                    out.put("step", s.step());
                    out.put("held", s.held());
                    out.put("ackedBy", s.ackedBy());
                    out.put("openedAt", s.openedAt());
                    out.put("resolvedAt", s.resolvedAt());
                    out.put("version", s.version());
                    out.put("timeline", timeline);
                    return out;
                });
    }

    static Map<String, Object> row(IncidentRow r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id);
        m.put("targetId", r.targetId);
        m.put("severity", r.severity);
        m.put("phase", r.phase);
        m.put("step", r.step);
        m.put("lastStep", r.lastStep);
        m.put("held", r.held);
        m.put("ackedBy", r.ackedBy);
        m.put("openedAt", r.openedAt);
        m.put("resolvedAt", r.resolvedAt);
        m.put("version", r.version);
        return m;
    }
}
