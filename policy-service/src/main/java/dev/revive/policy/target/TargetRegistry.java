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

    private final Map<String, TargetSpec> cache = new ConcurrentHashMap<>();
    private volatile Uni<Void> loaded;

    /** Completes once the cache holds every stored target. */
    public Uni<Void> ready() {
        Uni<Void> l = loaded;
        if (l == null) {
            synchronized (this) {
                if (loaded == null) {
                    loaded = tx.read(s -> s.createSelectionQuery("from TargetRow", TargetRow.class).getResultList())
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
                .invoke(deleted -> cache.remove(id));
    }

    private static String json(TargetSpec t) {
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
