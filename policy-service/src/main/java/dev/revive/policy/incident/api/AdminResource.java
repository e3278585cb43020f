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
import dev.revive.policy.incident.IncidentEvolver;
import dev.revive.policy.incident.IncidentState;
import dev.revive.policy.incident.store.EventCodec;
import dev.revive.policy.incident.store.IncidentReadModel;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/** Admin operations: rebuild the incidents projection from the event store. */
@Path("/admin")
@Produces(MediaType.APPLICATION_JSON)
public class AdminResource {

    @Inject
    Pool pool;
    @Inject
    IncidentReadModel readModel;

    @POST
    @Path("projections/rebuild")
    public Uni<Map<String, Object>> rebuild() {
        long t0 = System.nanoTime();
        return pool.withTransaction(c -> c.query("DELETE FROM incidents").execute()
                .chain(() -> c.query("SELECT stream_id, type, payload::text AS payload FROM incident_events ORDER BY stream_id, version").execute())
                .chain(rows -> {
                    List<IncidentState> states = new ArrayList<>();
                    String stream = null;
                    List<IncidentEvent> events = new ArrayList<>();
                    int count = 0;
                    for (var r : rows) {
                        String s = r.getString("stream_id");
                        if (!s.equals(stream) && stream != null) {
                            states.add(IncidentEvolver.fold(IncidentState.empty(stream, events.get(0).targetId()), events));
                            events = new ArrayList<>();
                        }
                        stream = s;
                        events.add(EventCodec.read(r.getString("type"), r.getString("payload")));
                        count++;
                    }
                    if (stream != null) {
                        states.add(IncidentEvolver.fold(IncidentState.empty(stream, events.get(0).targetId()), events));
                    }
                    int total = count;
                    return Multi.createFrom().iterable(states).onItem().transformToUniAndConcatenate(st -> readModel.upsert(c, st))
                            .collect().asList().map(x -> {
                                Map<String, Object> out = new LinkedHashMap<>();
                                out.put("incidents", states.size());
                                out.put("events", total);
                                out.put("millis", (System.nanoTime() - t0) / 1_000_000);
                                return out;
                            });
                }));
    }
}
