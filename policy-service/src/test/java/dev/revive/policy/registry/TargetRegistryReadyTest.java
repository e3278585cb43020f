package dev.revive.policy.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.hibernate.reactive.mutiny.Mutiny;
import org.junit.jupiter.api.Test;

import dev.revive.common.contract.TargetSpec;
import dev.revive.common.envelope.Json;
import dev.revive.policy.db.Transactions;
import dev.revive.policy.it.Fixtures;
import io.smallrye.mutiny.Uni;

/** The start-up load of targets, without a database: a failed load is tried again, a good one only once. */
class TargetRegistryReadyTest {

    /** Fails its first {@code failures} reads, then answers with the given rows; counts the reads. */
    static final class FlakyReads extends Transactions {
        final AtomicInteger reads = new AtomicInteger();
        final int failures;
        final List<TargetRow> rows;

        FlakyReads(int failures, List<TargetRow> rows) {
            this.failures = failures;
            this.rows = rows;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> Uni<T> read(Function<Mutiny.StatelessSession, Uni<T>> work) {
            return reads.incrementAndGet() <= failures
                    ? Uni.createFrom().failure(new IllegalStateException("database not there yet"))
                    : Uni.createFrom().item((T) rows);
        }
    }

    @Test
    void a_failed_load_is_tried_again_by_the_next_caller() throws Exception {
        TargetSpec t = Fixtures.target("ready-retry", 0, 3);
        TargetRow row = new TargetRow();
        row.id = t.id();
        row.spec = Json.MAPPER.writeValueAsString(t);
        TargetRegistry registry = new TargetRegistry();
        FlakyReads tx = new FlakyReads(1, List.of(row));
        registry.tx = tx;

        assertThatThrownBy(() -> registry.ready().await().indefinitely()).hasMessageContaining("not there yet");
        registry.ready().await().indefinitely();

        assertThat(registry.get(t.id())).isEqualTo(t);
        assertThat(tx.reads).hasValue(2);
    }

    @Test
    void a_successful_load_is_not_repeated() {
        TargetRegistry registry = new TargetRegistry();
        FlakyReads tx = new FlakyReads(0, List.of());
        registry.tx = tx;

        registry.ready().await().indefinitely();
        registry.ready().await().indefinitely();

        assertThat(tx.reads).hasValue(1);
    }
}
