package dev.revive.policy.registry;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import org.hibernate.reactive.mutiny.Mutiny;

import dev.revive.common.contract.TargetSpec;
import dev.revive.common.envelope.Json;
import dev.revive.common.topic.Topics;
import dev.revive.common.validation.TargetSpecValidator;
import dev.revive.policy.outbox.Outbox;
import dev.revive.policy.outbox.Outbox.Pending;
import dev.revive.policy.db.SqlPart;
import dev.revive.policy.db.Transactions;
import io.smallrye.mutiny.Uni;

/**
 * The targets registry: PostgreSQL is the source of truth, {@code revive.targets} (compacted) its published copy
 * (written through the outbox in the same transaction), and an in-memory map the fast path for detection.
 */
@ApplicationScoped
public class TargetRegistry {

    @Inject
    Transactions tx;
    @Inject
    Outbox outbox;
    /** Tells detection and the warning rules to drop what they keep about a target that is gone. */
    @Inject
    Event<TargetRemoved> removed;

    /** A target left the registry (deleted here, or by another replica): its in-memory state is to be dropped. */
    public record TargetRemoved(String targetId) {
    }

    private final Map<String, TargetSpec> cache = new ConcurrentHashMap<>();
    /** The start-up load, shared while it runs and once it succeeded; null before it and after a failed one. */
    private volatile Uni<Void> loaded;

    /**
     * Completes once the cache holds every stored target. A failed load is not kept: the callers waiting on it get
     * the failure, and the next caller loads again (timers, silences and consumers all wait here, so a remembered
     * failure would stop them until a restart).
     */
    public Uni<Void> ready() {
        Uni<Void> l = loaded;
        if (l == null) {
            synchronized (this) {
                if (loaded == null) {
                    // One load runs at a time (loaded is set while it runs), so the failure clears this one.
                    loaded = tx.read(s -> s.createSelectionQuery("from TargetRow", TargetRow.class).getResultList())
                            .invoke(rows -> rows.forEach(r -> {
                                TargetSpec t = read(r);
                                cache.put(t.id(), t);
                            }))
                            .replaceWithVoid()
                            .onFailure().invoke(e -> forgetLoad())
                            .memoize().indefinitely();
                }
                l = loaded;
            }
        }
        return l;
    }

    /**
     * Reads every stored target again and makes the cache match: what another replica changed before this one heard of
     * it through {@code revive.targets} ({@link TargetFeed} calls this once it is positioned on the topic, so every
     * later change reaches it there). Targets no longer stored are removed.
     */
    public Uni<Void> reload() {
        return tx.read(s -> s.createSelectionQuery("from TargetRow", TargetRow.class).getResultList()).invoke(rows -> {
            Map<String, TargetSpec> fresh = new java.util.HashMap<>();
            for (TargetRow r : rows) {
                TargetSpec t = read(r);
                fresh.put(t.id(), t);
            }
            cache.putAll(fresh);
            for (String id : List.copyOf(cache.keySet())) {
                if (!fresh.containsKey(id)) {
                    forget(id);
                }
            }
        }).replaceWithVoid();
    }

    /** A target as {@code revive.targets} carries it (written by any replica, this one included). */
    public void published(TargetSpec t) {
        cache.put(t.id(), t);
    }

    private synchronized void forgetLoad() {
        loaded = null;
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
        return ready().chain(() -> tx.run(s -> {
            // ON CONFLICT, native through the session: Hibernate Reactive's stateless upsert is an UPDATE then an
            // INSERT, which two concurrent PUTs of one new target would both reach (a unique violation).
            StringBuilder sql = new StringBuilder("INSERT INTO targets (id, spec) VALUES ");
            List<Pending> msgs = new ArrayList<>();
            Instant now = Instant.now();
            for (int i = 0; i < targets.size(); i++) {
                // Through text: a parameter typed jsonb by the cast would be sent as a JSON string (double-encoded).
                sql.append(i == 0 ? "" : ", ").append("(?, CAST(CAST(? AS text) AS jsonb))");
                TargetSpec t = targets.get(i);
                msgs.add(Pending.of(Topics.TARGETS, t, UUID.randomUUID().toString(), t.id(), now));
            }
            sql.append(" ON CONFLICT (id) DO UPDATE SET spec = EXCLUDED.spec, updated_at = now()");
            var q = s.createNativeQuery(sql.toString());
            int p = 1;
            for (TargetSpec t : targets) {
                q.setParameter(p++, t.id());
                q.setParameter(p++, json(t));
            }
            return q.executeUpdate().chain(() -> outbox.write(s, msgs));
        })).invoke(() -> targets.forEach(t -> cache.put(t.id(), t))).replaceWith(targets);
    }

    /** Deletes a target and publishes its tombstone; false when there was none. */
    public Uni<Boolean> delete(String id) {
        return ready().chain(() -> tx.run(s -> s.createMutationQuery("delete from TargetRow t where t.id = :id")
                .setParameter("id", id).executeUpdate()
                .chain(n -> n == 0 ? Uni.createFrom().item(false)
                        : outbox.write(s, List.of(Pending.tombstone(Topics.TARGETS, id))).replaceWith(true))))
                .invoke(deleted -> forget(id));
    }

    /**
     * Upserts and deletes in one transaction (config as code: a file applied): every row, every message on
     * {@code revive.targets} (specs and tombstones), or none. Deletes go 1,000 ids per statement.
     */
    public Uni<Void> apply(List<TargetSpec> upserts, List<String> deletes) {
        upserts.forEach(TargetSpecValidator::requireValid);
        if (upserts.isEmpty() && deletes.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return ready().chain(() -> tx.run(s -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            Instant now = Instant.now();
            for (int from = 0; from < upserts.size(); from += 1_000) {
                List<TargetSpec> chunk = upserts.subList(from, Math.min(upserts.size(), from + 1_000));
                List<Object> params = new ArrayList<>();
                chunk.forEach(t -> {
                    params.add(t.id());
                    params.add(json(t));
                });
                SqlPart rows = new SqlPart("INSERT INTO targets (id, spec) VALUES "
                        + SqlPart.values(chunk.size(), "(?, CAST(CAST(? AS text) AS jsonb))")
                        + " ON CONFLICT (id) DO UPDATE SET spec = EXCLUDED.spec, updated_at = now()", params);
                SqlPart messages = outbox.insert(chunk.stream()
                        .map(t -> Pending.of(Topics.TARGETS, t, UUID.randomUUID().toString(), t.id(), now)).toList());
                chain = chain.chain(() -> SqlPart.atomically(s, List.of(rows, messages)));
            }
            for (int from = 0; from < deletes.size(); from += 1_000) {
                List<String> chunk = deletes.subList(from, Math.min(deletes.size(), from + 1_000));
                SqlPart rows = new SqlPart("DELETE FROM targets WHERE id IN (" + SqlPart.values(chunk.size(), "?") + ")",
                        new ArrayList<>(chunk));
                SqlPart tombstones = outbox.insert(chunk.stream().map(id -> Pending.tombstone(Topics.TARGETS, id)).toList());
                chain = chain.chain(() -> SqlPart.atomically(s, List.of(rows, tombstones)));
            }
            return chain;
        })).invoke(() -> {
            upserts.forEach(this::remember);
            deletes.forEach(this::forget);
        });
    }

    /**
     * Stores and publishes one target as parts of the caller's statement (a derived target an incident decision
     * causes): the row's upsert and the outbox message. The caller {@link #remember remembers} it once that committed.
     */
    public List<SqlPart> write(TargetSpec t) {
        // Same statement as upsert: ON CONFLICT native, the spec bound through text.
        return List.of(new SqlPart("INSERT INTO targets (id, spec) VALUES (?, CAST(CAST(? AS text) AS jsonb)) "
                + "ON CONFLICT (id) DO UPDATE SET spec = EXCLUDED.spec, updated_at = now()", List.of(t.id(), json(t))),
                outbox.insert(List.of(Pending.of(Topics.TARGETS, t, UUID.randomUUID().toString(), t.id(), Instant.now()))));
    }

    /**
     * Rewrites a stored target as parts of the caller's statement (an incident decision adopting a replacement): the
     * row's update and the outbox message; the caller {@link #remember remembers} it once that committed. Only an
     * UPDATE, so a target deleted meanwhile stays deleted, and guarded: the row must still hold the {@code aws} block
     * and the ladder steps the decision read ({@code before}), the parts a rewrite changes, else the whole statement
     * fails (serialization failure) and the decision is taken again on a fresh read. Compared with nulls stripped,
     * so that a row written before a field existed still compares equal.
     */
    public List<SqlPart> rewrite(TargetSpec before, TargetSpec after) {
        return List.of(new SqlPart("UPDATE targets SET spec = CAST(CAST(? AS text) AS jsonb), updated_at = now() "
                + "WHERE id = ? AND jsonb_strip_nulls(spec -> 'aws') IS NOT DISTINCT FROM jsonb_strip_nulls(CAST(CAST(? AS text) AS jsonb)) "
                + "AND jsonb_strip_nulls(COALESCE(spec #> '{recovery,steps}', CAST('[]' AS jsonb))) = jsonb_strip_nulls(CAST(CAST(? AS text) AS jsonb)) "
                + "RETURNING 1", java.util.Arrays.asList(json(after), after.id(),
                        before.aws() == null ? null : json(before.aws()), json(before.recovery().steps())),
                "target " + after.id() + " as the decision read it"),
                outbox.insert(List.of(Pending.of(Topics.TARGETS, after, UUID.randomUUID().toString(), after.id(), Instant.now()))));
    }

    /**
     * Deletes a target and publishes its tombstone, as parts of the caller's statement; then {@link #forget}. The
     * tombstone goes out even when the row was already gone: for a compacted topic one more is harmless.
     */
    public List<SqlPart> remove(String id) {
        return List.of(new SqlPart("DELETE FROM targets WHERE id = ?", List.of(id)),
                outbox.insert(List.of(Pending.tombstone(Topics.TARGETS, id))));
    }

    /** The cache after a committed {@link #write}. */
    public void remember(TargetSpec t) {
        cache.put(t.id(), t);
    }

    /**
     * The cache after a committed {@link #remove} or delete, or a tombstone on {@code revive.targets}: the target and
     * everything kept in memory about it go.
     */
    public void forget(String id) {
        cache.remove(id);
        if (removed != null) {
            removed.fire(new TargetRemoved(id));
        }
    }

    private static String json(Object t) {
        try {
            return Json.MAPPER.writeValueAsString(t);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static TargetSpec read(TargetRow r) {
        try {
            return Json.MAPPER.readValue(r.spec, TargetSpec.class);
        } catch (IOException e) {
            throw new IllegalStateException("stored target cannot be read", e);
        }
    }
}
