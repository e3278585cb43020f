package dev.revive.policy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.revive.common.contract.IncidentEvent;
import dev.revive.common.contract.ProbeResult;
import dev.revive.common.contract.ProbeResult.ErrorClass;
import dev.revive.common.contract.ProbeResult.Outcome;
import dev.revive.common.contract.RecoveryCommand;
import dev.revive.common.contract.RecoveryResult;
import dev.revive.common.contract.Severity;
import dev.revive.common.contract.TargetSpec;
import dev.revive.common.contract.TargetSpec.LadderStep;
import dev.revive.common.envelope.Envelope;
import dev.revive.common.topic.Topics;
import dev.revive.testkit.TestTopics;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The reset window continues the ladder after the target's last recovery, and only after a real one: a WARNING
 * resolved meanwhile does not reset it, and a drill's recovery does not count.
 */
@QuarkusTest
@TestProfile(PolicyTestProfile.class)
class ResetWindowIT {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final TestTopics topics = TestTopics.shared();

    /** Grace 0, threshold 1, a day's reset window and two restart steps. */
    static TargetSpec twoSteps(String prefix) {
        TargetSpec b = Fixtures.target(Fixtures.uniqueId(prefix), 0, 1);
        var r = b.recovery();
        return new TargetSpec(b.id(), b.name(), b.tags(), b.probe(), b.locations(), b.detection(),
                new TargetSpec.RecoveryPlan(0L, r.verifySeconds(), 86_400L, 20, List.of(
                        new LadderStep("exec", Map.of("command", "restart-apache")),
                        new LadderStep("exec", Map.of("command", "restart-host")))),
                b.notifications(), null, null);
    }

    static Envelope<ProbeResult> upWithTls(String targetId, int days) {
        String id = UUID.randomUUID().toString();
        var r = new ProbeResult(id, targetId, "eu-west-1", "prober-tls", 1, Instant.now(), 12_000, Outcome.UP, ErrorClass.NONE, 200,
                days, "10.0.0.7:443", null, "ok");
        return Envelope.of(id, r, "/revive/prober/eu-west-1", targetId, Instant.now());
    }

    /** A DOWN, step 1 succeeds, the target answers: the incident is resolved by step 1. Returns its id. */
    static String recoverByStep1(TargetSpec t, Envelope<ProbeResult> down) {
        topics.publish(Topics.HEALTH, down);
        RecoveryCommand cmd = topics.await(Topics.COMMANDS, RecoveryCommand.class, c -> c.targetId().equals(t.id()), 1, WAIT)
                .get(0).data();
        Instant now = Instant.now();
        topics.publish(Topics.COMMAND_RESULTS, Envelope.of(new RecoveryResult(cmd.commandId(), cmd.incidentId(), t.id(), 1, "exec",
                RecoveryResult.Status.SUCCEEDED, false, null, "restarted", null, null, now, now), "/revive/actuator", t.id()));
        topics.await(Topics.INCIDENTS, IncidentEvent.RecoveryStepSucceeded.class, e -> e.incidentId().equals(cmd.incidentId()), 1, WAIT);
        topics.publish(Topics.HEALTH, Fixtures.probe(t.id(), true));
        topics.await(Topics.INCIDENTS, IncidentEvent.IncidentResolved.class, e -> e.incidentId().equals(cmd.incidentId()), 1, WAIT);
        return cmd.incidentId();
    }

    static IncidentEvent.IncidentOpened nextCritical(TargetSpec t, String after) {
        return topics.await(Topics.INCIDENTS, IncidentEvent.IncidentOpened.class, e -> e.targetId().equals(t.id())
                && e.severity() == Severity.CRITICAL && !e.incidentId().equals(after), 1, WAIT).get(0).data();
    }

    @Test
    void a_warning_resolved_after_a_recovery_does_not_reset_the_ladder() throws Exception {
        TargetSpec t = twoSteps("flapwarn");
        LadderEndToEndIT.register(t);
        String first = recoverByStep1(t, Fixtures.probe(t.id(), false));

        topics.publish(Topics.HEALTH, upWithTls(t.id(), 3));
        var warning = topics.await(Topics.INCIDENTS, IncidentEvent.IncidentOpened.class,
                e -> e.targetId().equals(t.id()) && e.severity() == Severity.WARNING, 1, WAIT).get(0).data();
        topics.publish(Topics.HEALTH, upWithTls(t.id(), 60));
        topics.await(Topics.INCIDENTS, IncidentEvent.IncidentResolved.class, e -> e.incidentId().equals(warning.incidentId()), 1, WAIT);

        topics.publish(Topics.HEALTH, Fixtures.probe(t.id(), false)); // down again within the reset window
        var again = nextCritical(t, first);
        assertThat(again.startStep()).isEqualTo(2);
        assertThat(again.evidence()).containsEntry("previousIncident", first);
    }

    @Test
    void the_incident_of_a_drill_is_not_the_previous_one_of_the_reset_window() throws Exception {
        TargetSpec t = twoSteps("afterdrill");
        LadderEndToEndIT.register(t);
        String drillId = io.restassured.path.json.JsonPath.from(DrillsApiIT.post(Map.of("targetId", t.id(), "mode", "fail-probes"),
                202)).getString("id");
        String drilled = recoverByStep1(t, Fixtures.probe(t.id(), true)); // the drill fails the answering site's probe
        await().atMost(WAIT).untilAsserted(() -> assertThat(DrillsApiIT.drill(drillId).getString("state")).isEqualTo("CLOSED"));

        topics.publish(Topics.HEALTH, Fixtures.probe(t.id(), false)); // a real outage after the drill
        var real = nextCritical(t, drilled);
        assertThat(real.startStep()).isEqualTo(1);
        assertThat(real.evidence()).doesNotContainKey("previousIncident");
    }
}
