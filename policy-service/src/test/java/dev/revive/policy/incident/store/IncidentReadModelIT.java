package dev.revive.policy.incident.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.revive.common.contract.IncidentEvent;
import dev.revive.common.contract.Severity;
import dev.revive.policy.db.SqlPart;
import dev.revive.policy.db.Transactions;
import dev.revive.policy.incident.DecisionContext.Previous;
import dev.revive.policy.incident.IncidentEvolver;
import dev.revive.policy.incident.IncidentState;
import dev.revive.policy.incident.IncidentTimers;
import dev.revive.policy.incident.TimerKind;
import dev.revive.policy.incident.store.EventStore.ConcurrencyException;
import dev.revive.policy.incident.store.IncidentReadModel.Facts;
import dev.revive.policy.incident.store.IncidentReadModel.OpenAndFacts;
import dev.revive.policy.it.Fixtures;
import dev.revive.policy.it.PolicyTestProfile;
import dev.revive.policy.silence.Silence;
import dev.revive.policy.silence.SilenceStore;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The decision's reads and its one-statement write (native through the session) against the real PostgreSQL. */
@QuarkusTest
@TestProfile(PolicyTestProfile.class)
class IncidentReadModelIT {

    @Inject
    Transactions tx;
    @Inject
    IncidentReadModel readModel;
    @Inject
    EventStore store;
    @Inject
    SilenceStore silences;
    @Inject
    TimerStore timers;

    private static IncidentRow resolved(String id, String target, Instant at, int lastStep) {
        IncidentRow r = new IncidentRow();
        r.id = id;
        r.targetId = target;
        r.severity = "CRITICAL";
        r.phase = "RESOLVED";
        r.step = lastStep;
        r.lastStep = lastStep;
        r.openedAt = at.minusSeconds(600);
        r.resolvedAt = at;
        r.version = 5;
        return r;
    }

    private Facts facts(String target, List<String> tags, Instant since) {
        return tx.read(s -> readModel.facts(s, target, tags, since)).await().indefinitely();
    }

    @Test
    void facts_are_the_last_resolved_incident_the_recent_actions_and_a_covering_silence() {
        String target = Fixtures.uniqueId("facts");
        String tag = Fixtures.uniqueId("tag");
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String older = target + "-older";
        String newer = target + "-newer";
        String stream = target + "-stream";
        tx.run(s -> s.insert(resolved(older, target, now.minus(Duration.ofHours(5)), 1))
                .chain(() -> s.insert(resolved(newer, target, now.minus(Duration.ofHours(2)), 2)))
                .chain(() -> store.append(s, stream, 0, List.of(
                        new IncidentEvent.RecoveryStepStarted(stream, target, now.minus(Duration.ofDays(2)), 1, "REBOOT", "c1"),
                        new IncidentEvent.RecoveryStepStarted(stream, target, now.minus(Duration.ofHours(1)), 2, "REBOOT", "c2"),
                        new IncidentEvent.Acknowledged(stream, target, now.minus(Duration.ofMinutes(30)), "alice"))))
                .chain(() -> silences.insert(s, new Silence(Fixtures.uniqueId("silence"), null, tag, now.minusSeconds(60),
                        now.plusSeconds(3600), "maintenance", "test"))))
                .await().indefinitely();

        Facts f = facts(target, List.of("other", tag), now.minus(Duration.ofDays(1)));
        assertThat(f.previous()).isEqualTo(new Previous(newer, now.minus(Duration.ofHours(2)), 2));
        assertThat(f.actionsSince()).isEqualTo(1);
        assertThat(f.silenced()).isTrue();

        assertThat(facts(target, List.of("other"), now.minus(Duration.ofDays(1))).silenced()).isFalse();
        assertThat(facts(target, List.of(), now.minus(Duration.ofDays(3))).actionsSince()).isEqualTo(2);
    }

    @Test
    void a_target_with_no_history_has_no_facts() {
        Facts f = facts(Fixtures.uniqueId("fresh"), List.of(), Instant.now().minus(Duration.ofDays(1)));
        // recentDowns is the fleet's (the shared blast-radius guard), not the target's: other tests' DOWNs count there.
        assertThat(f).usingRecursiveComparison().ignoringFields("recentDowns").isEqualTo(new Facts(null, 0, false, 0));
    }

    @Test
    void a_targets_open_incident_and_the_facts_come_in_one_statement() {
        String target = Fixtures.uniqueId("open");
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String previous = target + "-previous";
        String stream = target + "-open";
        List<IncidentEvent> events = List.of(
                new IncidentEvent.IncidentOpened(stream, target, now.minusSeconds(60), Severity.CRITICAL, "probe failed",
                        Map.of("address", "10.0.0.1"), 1),
                new IncidentEvent.RecoveryStepStarted(stream, target, now.minusSeconds(30), 1, "REBOOT", "c1"));
        IncidentState state = IncidentEvolver.fold(IncidentState.empty(stream, target), events);
        tx.run(s -> s.insert(resolved(previous, target, now.minus(Duration.ofHours(2)), 2))
                .chain(() -> store.append(s, stream, 0, events, List.of(readModel.save(state, 0)))))
                .await().indefinitely();

        Instant since = now.minus(Duration.ofDays(1));
        OpenAndFacts found = tx.read(s -> readModel.openWithFacts(s, target, List.of(), since)).await().indefinitely();
        assertThat(found.open().id()).isEqualTo(stream);
        assertThat(found.open().events()).isEqualTo(events);
        assertThat(found.facts()).usingRecursiveComparison().ignoringFields("recentDowns")
                .isEqualTo(new Facts(new Previous(previous, now.minus(Duration.ofHours(2)), 2), 1, false, 0))
                .isEqualTo(facts(target, List.of(), since));

        assertThat(tx.read(s -> readModel.openWithFacts(s, Fixtures.uniqueId("none"), List.of("a-tag"), since)).await().indefinitely())
                .usingRecursiveComparison().ignoringFields("facts.recentDowns")
                .isEqualTo(new OpenAndFacts(null, new Facts(null, 0, false, 0)));
    }

    @Test
    void a_decision_statement_that_would_open_a_second_incident_for_a_target_writes_nothing_of_itself() {
        String target = Fixtures.uniqueId("second");
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String first = target + "-first";
        String second = target + "-second";
        Function<String, List<IncidentEvent>> opening = stream -> List.of(new IncidentEvent.IncidentOpened(stream, target, now,
                Severity.CRITICAL, "probe failed", Map.of(), 1));
        Function<String, List<SqlPart>> alongside = stream -> List.of(
                readModel.save(IncidentEvolver.fold(IncidentState.empty(stream, target), opening.apply(stream)), 0),
                timers.replace(stream, new IncidentTimers.Timer(TimerKind.GRACE, 0, now.plusSeconds(300))));
        // Autocommit, as a decision writes: the statement alone is the unit.
        tx.autocommit(s -> store.append(s, first, 0, opening.apply(first), alongside.apply(first))).await().indefinitely();

        assertThatThrownBy(() -> tx.autocommit(s -> store.append(s, second, 0, opening.apply(second), alongside.apply(second)))
                .await().indefinitely()).isInstanceOf(ConcurrencyException.class);

        assertThat(tx.read(s -> store.load(s, second)).await().indefinitely()).isEmpty();
        assertThat(timerRows(second)).isZero();
        assertThat(tx.read(s -> store.load(s, first)).await().indefinitely()).hasSize(1);
        assertThat(timerRows(first)).isOne();
    }

    private long timerRows(String incidentId) {
        return tx.read(s -> s.createSelectionQuery("select count(*) from TimerRow t where t.incidentId = :id", Long.class)
                .setParameter("id", incidentId).getSingleResult()).await().indefinitely();
    }

    @Test
    void an_incident_row_that_is_not_at_the_expected_version_fails_the_whole_decision_statement_as_transient() {
        String target = Fixtures.uniqueId("moved");
        String stream = target + "-stream";
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<IncidentEvent> opened = List.of(new IncidentEvent.IncidentOpened(stream, target, now, Severity.CRITICAL,
                "probe failed", Map.of(), 1));
        IncidentState one = IncidentEvolver.fold(IncidentState.empty(stream, target), opened);
        tx.autocommit(s -> store.append(s, stream, 0, opened, List.of(readModel.save(one, 0)))).await().indefinitely();
        // What a rebuild running at the same moment can leave: the row is not the one the decision read.
        tx.run(s -> s.createMutationQuery("update IncidentRow i set i.version = 7 where i.id = :id").setParameter("id", stream)
                .executeUpdate()).await().indefinitely();

        List<IncidentEvent> acked = List.of(new IncidentEvent.Acknowledged(stream, target, now.plusSeconds(1), "bob"));
        IncidentState two = IncidentEvolver.fold(one, acked);
        Throwable failed = catchThrowable(() -> tx.autocommit(s -> store.append(s, stream, 1, acked, List.of(readModel.save(two, 1),
                timers.replace(stream, null)))).await().indefinitely());

        assertThat(EventStore.isTransient(failed)).as("%s", failed).isTrue();
        assertThat(tx.read(s -> store.load(s, stream)).await().indefinitely()).isEqualTo(opened);
    }
}
