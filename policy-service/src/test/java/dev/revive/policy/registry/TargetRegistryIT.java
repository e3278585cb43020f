package dev.revive.policy.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.revive.common.contract.TargetSpec;
import dev.revive.common.envelope.Json;
import dev.revive.policy.db.SqlPart;
import dev.revive.policy.db.Transactions;
import dev.revive.policy.incident.store.EventStore;
import dev.revive.policy.it.Fixtures;
import dev.revive.policy.it.PolicyTestProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** What the registry stores is what a restarted instance loads (the cache is filled from these rows at start). */
@QuarkusTest
@TestProfile(PolicyTestProfile.class)
class TargetRegistryIT {

    @Inject
    TargetRegistry registry;
    @Inject
    Transactions tx;

    @Test
    void a_stored_target_reads_back_from_its_row_after_an_update() throws Exception {
        TargetSpec first = Fixtures.target(Fixtures.uniqueId("stored"), 0, 1);
        TargetSpec second = Fixtures.target(first.id(), 30, 3);
        registry.upsert(List.of(first)).await().indefinitely();
        registry.upsert(List.of(second)).await().indefinitely();

        TargetRow row = tx.read(s -> s.get(TargetRow.class, first.id())).await().indefinitely();
        assertThat(Json.MAPPER.readValue(row.spec, TargetSpec.class)).isEqualTo(second);
        String kind = tx.read(s -> s.createNativeQuery("SELECT jsonb_typeof(spec) FROM targets WHERE id = :id", String.class)
                .setParameter("id", first.id()).getSingleResult()).await().indefinitely();
        assertThat(kind).isEqualTo("object");
    }

    static TargetSpec onInstance(String id, String instanceId, String allocation) {
        TargetSpec b = Fixtures.target(id, 0, 1);
        return new TargetSpec(b.id(), b.name(), b.tags(), b.probe(), b.locations(), b.detection(), b.recovery(),
                b.notifications(), new TargetSpec.AwsInstance(instanceId, "eu-west-1", null, allocation, "revive=web"));
    }

    TargetSpec stored(String id) throws Exception {
        TargetRow row = tx.read(s -> s.get(TargetRow.class, id)).await().indefinitely();
        return row == null ? null : Json.MAPPER.readValue(row.spec, TargetSpec.class);
    }

    Throwable rewrite(TargetSpec before, TargetSpec after) {
        try {
            tx.run(s -> SqlPart.atomically(s, registry.rewrite(before, after))).await().indefinitely();
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }

    @Test
    void a_rewrite_applies_to_the_row_the_decision_read_even_one_stored_without_its_null_fields() throws Exception {
        TargetSpec read = onInstance(Fixtures.uniqueId("rewrite"), "i-0123456789abcdef0", null);
        registry.upsert(List.of(read)).await().indefinitely();
        // As a row written before a field existed: the aws block without its null fields.
        tx.run(s -> s.createNativeQuery("UPDATE targets SET spec = jsonb_set(spec, '{aws}', jsonb_strip_nulls(spec -> 'aws')) "
                + "WHERE id = :id").setParameter("id", read.id()).executeUpdate()).await().indefinitely();
        TargetSpec adopted = onInstance(read.id(), "i-0fedcba9876543210", null);

        assertThat(rewrite(read, adopted)).isNull();
        assertThat(stored(read.id())).isEqualTo(adopted);
    }

    @Test
    void a_rewrite_of_a_target_changed_or_deleted_since_the_decision_read_it_writes_nothing() throws Exception {
        TargetSpec read = onInstance(Fixtures.uniqueId("stale"), "i-0123456789abcdef0", "eipalloc-0123456789abcdef0");
        TargetSpec changed = onInstance(read.id(), "i-0123456789abcdef0", "eipalloc-0aaaaaaaaaaaaaaaa");
        registry.upsert(List.of(read)).await().indefinitely();
        registry.upsert(List.of(changed)).await().indefinitely();
        TargetSpec adopted = onInstance(read.id(), "i-0fedcba9876543210", "eipalloc-0123456789abcdef0");

        Throwable stale = rewrite(read, adopted);
        assertThat(stale).isNotNull();
        assertThat(EventStore.isTransient(stale)).as("retried from a fresh read: %s", stale).isTrue();
        assertThat(stored(read.id())).isEqualTo(changed);

        registry.delete(read.id()).await().indefinitely();
        assertThat(rewrite(changed, adopted)).isNotNull();
        assertThat(stored(read.id())).as("a deleted target stays deleted").isNull();
    }
}
