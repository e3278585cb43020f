package dev.revive.policy.console;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.revive.common.validation.Violation;
import dev.revive.policy.api.Bounds;
import dev.revive.policy.db.SqlPart;
import dev.revive.policy.db.Transactions;
import io.smallrye.mutiny.Uni;

/**
 * Notes an operator publishes on an incident for the status page ({@code incident_public_notes}). They are words for
 * the public, not facts of the incident: kept beside its event stream, not in it, so the ladder never reads them.
 */
@ApplicationScoped
public class PublicNotes {

    public static final int MAX_BODY = 2_000;

    public record Note(Instant at, String by, String body) {
    }

    @Inject
    Transactions tx;

    static List<Violation> check(String body) {
        List<Violation> v = new ArrayList<>();
        if (body == null || body.isBlank()) {
            v.add(new Violation("body", "is required"));
        } else {
            Bounds.note("body", body, MAX_BODY, v);
        }
        return v;
    }

    public Uni<Void> add(String incidentId, String by, String body) {
        return tx.autocommit(s -> new SqlPart("INSERT INTO incident_public_notes (incident_id, written_by, body) VALUES (?, ?, ?)",
                List.of(incidentId, by, body)).execute(s)).replaceWithVoid();
    }

    /** The incident's notes, oldest first. */
    public Uni<List<Note>> of(String incidentId) {
        return byIncident(List.of(incidentId)).map(m -> m.getOrDefault(incidentId, List.of()));
    }

    /** Notes of several incidents, by incident, oldest first. */
    public Uni<Map<String, List<Note>>> byIncident(Collection<String> incidentIds) {
        if (incidentIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        String sql = "SELECT incident_id, at, written_by, body FROM incident_public_notes WHERE incident_id IN ("
                + SqlPart.values(incidentIds.size(), "?") + ") ORDER BY at, id";
        List<Object> params = new ArrayList<>(incidentIds);
        return tx.read(s -> SqlPart.bind(s.createNativeQuery(sql, Object[].class), params).getResultList()).map(rows -> {
            Map<String, List<Note>> out = new HashMap<>();
            for (Object[] r : rows) {
                out.computeIfAbsent((String) r[0], k -> new ArrayList<>())
                        .add(new Note(dev.revive.policy.history.HistoryStore.instant(r[1]), (String) r[2], (String) r[3]));
            }
            return out;
        });
    }
}
