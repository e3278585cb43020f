package dev.revive.policy.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.revive.common.contract.IncidentEvent;
import dev.revive.common.contract.NotificationRequest;
import dev.revive.common.contract.NotificationRequest.Kind;
import dev.revive.common.contract.RecoveryCommand;
import dev.revive.common.contract.RecoveryResult;
import dev.revive.common.contract.TargetSpec;
import dev.revive.common.contract.TargetSpec.LadderStep;
import dev.revive.common.contract.TargetSpec.ProbeKind;
import dev.revive.common.contract.TargetSpec.RecoveryPlan;
import dev.revive.common.envelope.Envelope;
import dev.revive.common.topic.Topics;
import dev.revive.testkit.TestTopics;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * After a re-provision the original instance is watched as {@code <id>.original} (published on revive.targets),
 * and when it answers again the incident records OriginalInstanceBack, the admin is told, and the watch is deleted.
 */
@QuarkusTest
@TestProfile(PolicyTestProfile.class)
class OriginalInstanceBackIT {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final TestTopics topics = TestTopics.shared();

    @Test
    void the_original_instance_is_watched_after_a_reprovision_and_reported_back_once_it_answers() throws Exception {
        TargetSpec base = Fixtures.target(Fixtures.uniqueId("orig"), 0, 1);
        TargetSpec t = new TargetSpec(base.id(), base.name(), base.tags(), base.probe(), base.locations(), base.detection(),
                new RecoveryPlan(0L, 60L, 0L, 6, List.of(new LadderStep("aws-reprovision", Map.of()))), List.of(),
                new TargetSpec.AwsInstance("i-0123456789abcdef0", "eu-west-1", null, "eipalloc-0123456789abcdef0", "revive=web"));
        LadderEndToEndIT.register(t);

        topics.publish(Topics.HEALTH, Fixtures.probe(t.id(), false));
        RecoveryCommand cmd = topics.await(Topics.COMMANDS, RecoveryCommand.class, c -> c.targetId().equals(t.id()), 1, WAIT)
                .get(0).data();
        assertThat(cmd.action()).isEqualTo("aws-reprovision");

        Instant now = Instant.now();
        topics.publish(Topics.COMMAND_RESULTS, Envelope.of(new RecoveryResult(cmd.commandId(), cmd.incidentId(), t.id(), 1,
                cmd.action(), RecoveryResult.Status.SUCCEEDED, false, null, "re-provisioned", "i-0fedcba9876543210",
                "198.51.100.7", now, now, "i-0123456789abcdef0", "10.0.1.5"), "/revive/actuator", t.id()));

        String watchId = t.id() + ".original";
        TargetSpec watch = topics.await(Topics.TARGETS, TargetSpec.class, s -> s.id().equals(watchId), 1, WAIT).get(0).data();
        assertThat(watch.probe().kind()).isEqualTo(ProbeKind.TCP);
        assertThat(watch.probe().host()).isEqualTo("10.0.1.5");
        assertThat(watch.probe().port()).isEqualTo(443);
        assertThat(watch.recovery().steps()).isEmpty();
        given().when().get("/targets/" + watchId).then().statusCode(200);

        topics.publish(Topics.HEALTH, Fixtures.probe(t.id(), true));
        topics.await(Topics.INCIDENTS, IncidentEvent.IncidentResolved.class, e -> e.incidentId().equals(cmd.incidentId()), 1, WAIT);

        // The original is still down: a failing watch opens no incident of its own.
        topics.publish(Topics.HEALTH, Fixtures.probe(watchId, false));
        topics.publish(Topics.HEALTH, Fixtures.probe(watchId, true));

        var back = topics.await(Topics.INCIDENTS, IncidentEvent.OriginalInstanceBack.class,
                e -> e.incidentId().equals(cmd.incidentId()), 1, WAIT).get(0).data();
        assertThat(back.address()).isEqualTo("10.0.1.5");
        NotificationRequest told = topics.await(Topics.NOTIFICATIONS, NotificationRequest.class,
                n -> cmd.incidentId().equals(n.incidentId()) && n.kind() == Kind.ORIGINAL_INSTANCE_BACK, 1, WAIT).get(0).data();
        assertThat(told.facts()).containsEntry("address", "10.0.1.5");
        assertThat(told.recipients()).isNotEmpty();

        TestTopics.awaitRecord(Topics.TARGETS, watchId, r -> r.value() == null);
        given().when().get("/targets/" + watchId).then().statusCode(404);
        assertThat(topics.readAll(Topics.INCIDENTS, IncidentEvent.IncidentOpened.class).stream()
                .filter(e -> e.data().targetId().equals(watchId))).isEmpty();
    }
}
