package dev.revive.policy.incident.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.revive.common.contract.IncidentEvent;
import dev.revive.policy.incident.IncidentEvolver;
import dev.revive.policy.incident.IncidentState;
import dev.revive.policy.incident.Timeline;
import dev.revive.policy.incident.store.EventCodec;
import dev.revive.policy.incident.store.EventStore;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** Reads for the API: the incidents projection, and an incident's timeline straight from its events. */
@ApplicationScoped
public class IncidentQueries {

    @Inject
    Pool pool;
    @Inject
    EventStore store;

    /**
     * @param state  {@code open}, {@code resolved}, or a phase name (GRACE, RUNNING ...); null for all
     * @param target a target id; null for all
     */
    public Uni<List<Map<String, Object>>> list(String state, String target) {
        StringBuilder sql = new StringBuilder("SELECT * FROM incidents WHERE ($1::text IS NULL OR target_id = $1)");
        String phase = null;
        if (state != null) {
            switch (state.toLowerCase()) {
                case "open" -> sql.append(" AND phase <> 'RESOLVED'");
                case "resolved" -> sql.append(" AND phase = 'RESOLVED'");
                default -> phase = state.toUpperCase();
            }
        }
        sql.append(" AND ($2::text IS NULL OR phase = $2) ORDER BY opened_at DESC LIMIT 500");
        return pool.preparedQuery(sql.toString()).execute(Tuple.of(target, phase)).map(rows -> {
            List<Map<String, Object>> out = new ArrayList<>();
            rows.forEach(r -> out.add(row(r)));
            return out;
        });
    }

    /** The incident's current state and full timeline, or null when there is no such stream. */
    public Uni<Map<String, Object>> get(String id) {
        return pool.withConnection(c -> c.preparedQuery("SELECT version, type, payload::text AS payload, position "
                + "FROM incident_events WHERE stream_id = $1 ORDER BY version").execute(Tuple.of(id)).map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    List<IncidentEvent> events = new ArrayList<>();
                    List<Map<String, Object>> timeline = new ArrayList<>();
                    for (Row r : rows) {
                        IncidentEvent e = EventCodec.read(r.getString("type"), r.getString("payload"));
                        events.add(e);
                        Map<String, Object> t = new LinkedHashMap<>();
                        t.put("version", r.getInteger("version"));
                        t.put("position", r.getLong("position"));
                        t.put("at", e.at());
                        t.put("type", r.getString("type"));
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
                }));
    }

    static Map<String, Object> row(Row r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.getString("id"));
        m.put("targetId", r.getString("target_id"));
        m.put("severity", r.getString("severity"));
        m.put("phase", r.getString("phase"));
        m.put("step", r.getInteger("step"));
        m.put("lastStep", r.getInteger("last_step"));
        m.put("held", r.getBoolean("held"));
        m.put("ackedBy", r.getString("acked_by"));
        m.put("openedAt", r.getOffsetDateTime("opened_at") == null ? null : r.getOffsetDateTime("opened_at").toInstant());
        m.put("resolvedAt", r.getOffsetDateTime("resolved_at") == null ? null : r.getOffsetDateTime("resolved_at").toInstant());
        m.put("version", r.getInteger("version"));
        return m;
    }
}
