package dev.revive.policy.incident.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.revive.common.contract.IncidentEvent;
import dev.revive.policy.db.Transactions;
import dev.revive.policy.incident.DecisionContext.Previous;
import dev.revive.policy.incident.store.IncidentReadModel.Facts;
import dev.revive.policy.it.Fixtures;
import dev.revive.policy.it.PolicyTestProfile;
import dev.revive.policy.silence.Silence;
import dev.revive.policy.silence.SilenceStore;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The decision's context reads (one native statement through the session) against the real PostgreSQL. */
@QuarkusTest
@TestProfile(PolicyTestProfile.class)
class IncidentReadModelTest {

    @Inject
    Transactions tx;
    @Inject
    IncidentReadModel readModel;
    @Inject
    EventStore store;
    @Inject
    SilenceStore silences;

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
        assertThat(f).isEqualTo(new Facts(null, 0, false));
    }
}
