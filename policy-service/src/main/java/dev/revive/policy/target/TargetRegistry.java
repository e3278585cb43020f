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
            List<TargetRow> rows = new ArrayList<>();
            List<Pending> msgs = new ArrayList<>();
            Instant now = Instant.now();
            for (TargetSpec t : targets) {
                TargetRow row = new TargetRow();
                row.id = t.id();
                row.spec = json(t);
                row.updatedAt = now;
                rows.add(row);
                msgs.add(Pending.of(Topics.TARGETS, t, UUID.randomUUID().toString(), t.id(), now));
            }
            return s.upsertMultiple(rows).chain(() -> outbox.write(s, msgs));
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
