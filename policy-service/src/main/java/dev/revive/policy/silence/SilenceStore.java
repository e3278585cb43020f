package dev.revive.policy.silence;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** The {@code silences} table. */
@ApplicationScoped
public class SilenceStore {

    private static final String COLUMNS = "id, target_id, tag, starts_at, ends_at, reason, created_by";

    public Uni<Void> insert(SqlClient c, Silence s) {
        return c.preparedQuery("INSERT INTO silences (" + COLUMNS + ") VALUES ($1, $2, $3, $4, $5, $6, $7)")
                .execute(Tuple.from(java.util.Arrays.asList(s.id(), s.targetId(), s.tag(), s.startsAt().atOffset(ZoneOffset.UTC),
                        s.endsAt().atOffset(ZoneOffset.UTC), s.reason(), s.createdBy())))
                .replaceWithVoid();
    }

    public Uni<Boolean> delete(SqlClient c, String id) {
        return c.preparedQuery("DELETE FROM silences WHERE id = $1").execute(Tuple.of(id)).map(rs -> rs.rowCount() > 0);
    }

    /** Every silence not yet over, soonest first. */
    public Uni<List<Silence>> current(SqlClient c) {
        return c.preparedQuery("SELECT " + COLUMNS + " FROM silences WHERE ends_at > now() ORDER BY starts_at, id").execute()
                .map(rows -> {
                    List<Silence> out = new ArrayList<>();
                    rows.forEach(r -> out.add(read(r)));
                    return out;
                });
    }

    public Uni<Silence> get(SqlClient c, String id) {
        return c.preparedQuery("SELECT " + COLUMNS + " FROM silences WHERE id = $1").execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? null : read(rows.iterator().next()));
    }

    /** Whether an active silence covers the target (by its id or one of its tags) at the database's now. */
    public Uni<Boolean> covers(SqlClient c, String targetId, List<String> tags) {
        return c.preparedQuery("SELECT EXISTS (SELECT 1 FROM silences WHERE starts_at <= now() AND ends_at > now() "
                + "AND (target_id = $1 OR tag = ANY($2))) AS silenced")
                .execute(Tuple.of(targetId, tags.toArray(String[]::new)))
                .map(rows -> rows.iterator().next().getBoolean("silenced"));
    }

    private static Silence read(Row r) {
        return new Silence(r.getString("id"), r.getString("target_id"), r.getString("tag"),
                r.getOffsetDateTime("starts_at").toInstant(), r.getOffsetDateTime("ends_at").toInstant(), r.getString("reason"),
                r.getString("created_by"));
    }
}
