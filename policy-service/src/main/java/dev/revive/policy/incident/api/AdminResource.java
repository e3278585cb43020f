package dev.revive.policy.incident.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import dev.revive.common.contract.IncidentEvent;
import dev.revive.policy.db.Transactions;
import dev.revive.policy.incident.IncidentEvolver;
import dev.revive.policy.incident.IncidentState;
import dev.revive.policy.incident.store.EventCodec;
import dev.revive.policy.incident.store.IncidentReadModel;
import dev.revive.policy.incident.store.StoredEvent;
import io.smallrye.mutiny.Uni;

/** Admin operations: rebuild the incidents projection from the event store. */
@Path("/admin")
@Produces(MediaType.APPLICATION_JSON)
public class AdminResource {

    @Inject
    Transactions tx;
    @Inject
    IncidentReadModel readModel;

    /** In one transaction: empty the projection, fold every stream, insert its rows (batched). */
    @POST
    @Path("projections/rebuild")
    public Uni<Map<String, Object>> rebuild() {
        long t0 = System.nanoTime();
        return tx.run(s -> s.createMutationQuery("delete from IncidentRow").executeUpdate()
                .chain(() -> s.createSelectionQuery("from StoredEvent e order by e.streamId, e.version", StoredEvent.class).getResultList())
                .chain(rows -> {
                    List<IncidentState> states = new ArrayList<>();
                    String stream = null;
                    List<IncidentEvent> events = new ArrayList<>();
                    for (StoredEvent r : rows) {
                        if (!r.streamId.equals(stream) && stream != null) {
                            states.add(IncidentEvolver.fold(IncidentState.empty(stream, events.get(0).targetId()), events));
                            events = new ArrayList<>();
                        }
                        stream = r.streamId;
                        events.add(EventCodec.read(r.type, r.payload));
                    }
                    if (stream != null) {
                        states.add(IncidentEvolver.fold(IncidentState.empty(stream, events.get(0).targetId()), events));
                    }
                    int total = rows.size();
                    return readModel.insertAll(s, states).map(x -> {
                        Map<String, Object> out = new LinkedHashMap<>();
                        out.put("incidents", states.size());
                        out.put("events", total);
                        out.put("millis", (System.nanoTime() - t0) / 1_000_000);
                        return out;
                    });
                }));
    }
}
