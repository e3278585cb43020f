package dev.revive.policy.outbox.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Outbox rows the relay parked because they can never be published (admin role, like all of {@code /admin}): list
 * them to see why, delete one once it is dealt with (the state change it belonged to is committed; only its message
 * did not leave). The payload is not listed (it may be megabytes); its size is.
 */
@Path("/admin/outbox/parked")
@Produces(MediaType.APPLICATION_JSON)
public class ParkedOutboxResource {

    /** One parked row; {@code key} is cut at 200 characters. */
    public record Parked(long id, String topic, String key, String ceId, String ceType, Instant createdAt,
            Instant parkedAt, Integer payloadBytes, String reason) {
    }

    @Inject
    Pool pool;

    /** The oldest 500 parked rows first. */
    @GET
    public Uni<List<Parked>> list() {
        return pool.query("SELECT id, topic, left(msg_key, 200) AS msg_key, ce_id, ce_type, created_at, parked_at, "
                + "octet_length(payload) AS size, reason FROM outbox_parked ORDER BY id LIMIT 500").execute()
                .map(rows -> {
                    List<Parked> out = new ArrayList<>();
                    for (Row r : rows) {
                        out.add(new Parked(r.getLong("id"), r.getString("topic"), r.getString("msg_key"), r.getString("ce_id"),
                                r.getString("ce_type"), r.getOffsetDateTime("created_at").toInstant(),
                                r.getOffsetDateTime("parked_at").toInstant(), r.getInteger("size"), r.getString("reason")));
                    }
                    return out;
                });
    }

    /** 204 when it was there, 404 otherwise. */
    @DELETE
    @Path("{id}")
    public Uni<Response> delete(@PathParam("id") long id) {
        return pool.preparedQuery("DELETE FROM outbox_parked WHERE id = $1").execute(Tuple.of(id))
                .map(rs -> rs.rowCount() == 0 ? Response.status(404).build() : Response.noContent().build());
    }
}
