package dev.revive.policy.target;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.revive.common.contract.TargetSpec;
import dev.revive.common.envelope.Json;
import dev.revive.common.topic.Topics;
import dev.revive.common.validation.TargetSpecValidator;
import dev.revive.policy.outbox.Outbox;
import dev.revive.policy.outbox.Outbox.Pending;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The targets registry: PostgreSQL is the source of truth, {@code revive.targets} (compacted) its published copy
 * (written through the outbox in the same transaction), and an in-memory map the fast path for detection.
 */
@ApplicationScoped
public class TargetRegistry {

    @Inject
    Pool pool;
    @Inject
    Outbox outbox;

    private final Map<String, TargetSpec> cache = new ConcurrentHashMap<>();
    private volatile Uni<Void> loaded;

    /** Completes once the cache holds every stored target. */
    public Uni<Void> ready() {
        Uni<Void> l = loaded;
        if (l == null) {
            synchronized (this) {
                if (loaded == null) {
                    loaded = pool.query("SELECT spec::text AS spec FROM targets").execute()
                            .invoke(rows -> rows.forEach(r -> {
                                TargetSpec t = read(r);
                                cache.put(t.id(), t);
                            }))
                            .replaceWithVoid()
                            .memoize().indefinitely();
                }
                l = loaded;
            }
        }
        return l;
    }

    public TargetSpec get(String id) {
        return id == null ? null : cache.get(id);
    }

    public Collection<TargetSpec> all() {
        return cache.values();
    }

    public int size() {
        return cache.size();
    }

    /** Validates, stores and publishes targets in one transaction; returns them. */
    public Uni<List<TargetSpec>> upsert(List<TargetSpec> targets) {
        targets.forEach(TargetSpecValidator::requireValid);
        return ready().chain(() -> pool.withTransaction(c -> {
            List<Tuple> rows = new ArrayList<>();
            List<Pending> msgs = new ArrayList<>();
            Instant now = Instant.now();
            for (TargetSpec t : targets) {
                rows.add(Tuple.of(t.id(), json(t)));
                msgs.add(Pending.of(Topics.TARGETS, t, UUID.randomUUID().toString(), t.id(), now));
            }
            return c.preparedQuery("INSERT INTO targets (id, spec) VALUES ($1, $2::text::jsonb) "
                    + "ON CONFLICT (id) DO UPDATE SET spec = EXCLUDED.spec, updated_at = now()")
                    .executeBatch(rows)
                    .chain(() -> outbox.write(c, msgs));
        })).invoke(() -> targets.forEach(t -> cache.put(t.id(), t))).replaceWith(targets);
    }

    /** Deletes a target and publishes its tombstone; false when there was none. */
    public Uni<Boolean> delete(String id) {
        return ready().chain(() -> pool.withTransaction(c -> c.preparedQuery("DELETE FROM targets WHERE id = $1")
                .execute(Tuple.of(id))
                .chain(rs -> rs.rowCount() == 0 ? Uni.createFrom().item(false)
                        : outbox.write(c, List.of(Pending.tombstone(Topics.TARGETS, id))).replaceWith(true))))
                .invoke(deleted -> cache.remove(id));
    }

    /**
     * Stores and publishes one target inside the caller's transaction (a derived target an incident decision
     * causes); the caller {@link #remember remembers} it once that transaction committed.
     */
    public Uni<Void> write(SqlConnection c, TargetSpec t) {
        return c.preparedQuery("INSERT INTO targets (id, spec) VALUES ($1, $2::text::jsonb) "
                + "ON CONFLICT (id) DO UPDATE SET spec = EXCLUDED.spec, updated_at = now()")
                .execute(Tuple.of(t.id(), json(t)))
                .chain(() -> outbox.write(c, List.of(Pending.of(Topics.TARGETS, t, UUID.randomUUID().toString(), t.id(),
                        Instant.now()))));
    }

    /** Deletes a target and publishes its tombstone inside the caller's transaction; then {@link #forget}. */
    public Uni<Void> remove(SqlConnection c, String id) {
        return c.preparedQuery("DELETE FROM targets WHERE id = $1").execute(Tuple.of(id))
                .chain(rs -> rs.rowCount() == 0 ? Uni.createFrom().voidItem()
                        : outbox.write(c, List.of(Pending.tombstone(Topics.TARGETS, id))));
    }

    /** The cache after a committed {@link #write}. */
    public void remember(TargetSpec t) {
        cache.put(t.id(), t);
    }

    /** The cache after a committed {@link #remove}. */
    public void forget(String id) {
        cache.remove(id);
    }

    private static String json(TargetSpec t) {
        try {
            return Json.MAPPER.writeValueAsString(t);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static TargetSpec read(Row r) {
        try {
            return Json.MAPPER.readValue(r.getString("spec"), TargetSpec.class);
        } catch (IOException e) {
            throw new IllegalStateException("stored target cannot be read", e);
        }
    }
}
