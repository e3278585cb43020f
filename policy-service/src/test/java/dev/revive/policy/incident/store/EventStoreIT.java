package dev.revive.policy.incident.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.revive.common.contract.IncidentEvent;
import dev.revive.common.contract.Severity;
import dev.revive.policy.db.Transactions;
import dev.revive.policy.incident.store.EventStore.ConcurrencyException;
import dev.revive.policy.it.Fixtures;
import dev.revive.policy.it.PolicyTestProfile;
import dev.revive.policy.silence.Silence;
import dev.revive.policy.silence.SilenceStore;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The event store on Hibernate Reactive against the real PostgreSQL: the version guard and the JSONB payload. */
@QuarkusTest
@TestProfile(PolicyTestProfile.class)
class EventStoreIT {

    @Inject
    Transactions tx;
    @Inject
    EventStore store;
    @Inject
    SilenceStore silences;

    private static IncidentEvent opened(String stream, Instant at) {
        return new IncidentEvent.IncidentOpened(stream, "t-" + stream, at, Severity.CRITICAL, "probe failed",
                Map.of("address", "10.0.0.1"), 1);
    }

    @Test
    void an_appended_stream_reads_back_as_written_with_a_jsonb_object_payload() {
        String stream = Fixtures.uniqueId("stream");
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<IncidentEvent> events = List.of(opened(stream, at),
                new IncidentEvent.HoldPlaced(stream, "t-" + stream, at.plusSeconds(1), "alice", "looking"));
        tx.run(s -> store.append(s, stream, 0, events)).await().indefinitely();

        assertThat(tx.read(s -> store.load(s, stream)).await().indefinitely()).isEqualTo(events);
        List<String> kinds = tx.read(s -> s.createNativeQuery("SELECT jsonb_typeof(payload) FROM incident_events "
                + "WHERE stream_id = :stream ORDER BY version", String.class).setParameter("stream", stream).getResultList())
                .await().indefinitely();
        assertThat(kinds).containsExactly("object", "object");
    }

    @Test
    void an_append_at_a_stale_version_is_a_concurrency_conflict_and_rolls_back_its_transaction() {
        String stream = Fixtures.uniqueId("race");
        Instant now = Instant.now();
        tx.run(s -> store.append(s, stream, 0, List.of(opened(stream, now)))).await().indefinitely();

        // The loser wrote something else first in the same transaction: it must be gone with the failed append.
        Silence written = new Silence(Fixtures.uniqueId("silence"), "t-" + stream, null, now, now.plusSeconds(60), "race", "test");
        assertThatThrownBy(() -> tx.run(s -> silences.insert(s, written)
                .chain(() -> store.append(s, stream, 0, List.of(new IncidentEvent.Acknowledged(stream, "t-" + stream, now, "bob")))))
                .await().indefinitely())
                .isInstanceOf(ConcurrencyException.class);

        assertThat(tx.read(s -> store.load(s, stream)).await().indefinitely()).hasSize(1);
        assertThat(tx.read(s -> silences.get(s, written.id())).await().indefinitely()).isNull();
    }
}
