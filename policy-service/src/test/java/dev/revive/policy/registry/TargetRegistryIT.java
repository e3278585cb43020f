package dev.revive.policy.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.revive.common.contract.TargetSpec;
import dev.revive.common.envelope.Json;
import dev.revive.policy.db.Transactions;
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
}
