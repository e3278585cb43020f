package dev.revive.policy.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.revive.common.contract.IncidentEvent;
import dev.revive.common.contract.RecoveryCommand;
import dev.revive.common.contract.RecoveryResult;
import dev.revive.common.contract.TargetSpec;
import dev.revive.common.contract.TargetSpec.LadderStep;
import dev.revive.common.contract.TargetSpec.RecoveryPlan;
import dev.revive.common.envelope.Envelope;
import dev.revive.common.topic.Topics;
import dev.revive.policy.registry.TargetRegistry;
import dev.revive.testkit.TestTopics;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * After a re-provision the registry follows the replacement, on the real broker and database: the target's spec names
 * the new instance (stored, served by the API, published on revive.targets), the incident's timeline says so, the next
 * incident's first step acts on the new instance, and a result delivered again adopts and publishes nothing twice.
 */
@QuarkusTest
@TestProfile(PolicyTestProfile.class)
class ReplacementAdoptedIT {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final TestTopics topics = TestTopics.shared();
    static final String OLD = "i-0123456789abcdef0";
    static final String NEW = "i-0fedcba9876543210";

    @Inject
    TargetRegistry registry;

    @Test
    void a_reprovision_makes_the_target_name_the_new_instance_once_and_the_next_incident_reboots_it() throws Exception {
        TargetSpec base = Fixtures.target(Fixtures.uniqueId("adopt"), 0, 1);
        TargetSpec t = new TargetSpec(base.id(), base.name(), base.tags(), base.probe(), base.locations(), base.detection(),
                new RecoveryPlan(0L, 60L, 0L, 6, List.of(new LadderStep("aws-ec2-reboot", Map.of()),
                        new LadderStep("aws-reprovision", Map.of()))), List.of(),
                new TargetSpec.AwsInstance(OLD, "eu-west-1", null, "eipalloc-0123456789abcdef0", "revive=web"));
        LadderEndToEndIT.register(t);

        // Incident 1: the reboot fails, the re-provision puts NEW behind the target.
        topics.publish(Topics.HEALTH, Fixtures.probe(t.id(), false));
        RecoveryCommand reboot = command(t, c -> c.step() == 1);
        assertThat(reboot.params()).containsEntry("instanceId", OLD);
        String incident = reboot.incidentId();
        publish(result(reboot, RecoveryResult.Status.FAILED, null));
        RecoveryCommand reprovision = command(t, c -> c.incidentId().equals(incident) && c.step() == 2);
        assertThat(reprovision.action()).isEqualTo("aws-reprovision");
        assertThat(reprovision.params()).containsEntry("instanceId", OLD);
        Envelope<RecoveryResult> replaced = result(reprovision, RecoveryResult.Status.SUCCEEDED, NEW);
        publish(replaced);

        TargetSpec published = topics.await(Topics.TARGETS, TargetSpec.class,
                s -> s.id().equals(t.id()) && s.aws() != null && NEW.equals(s.aws().instanceId()), 1, WAIT).get(0).data();
        assertThat(published.aws().region()).isEqualTo("eu-west-1");
        assertThat(published.aws().elasticIpAllocationId()).isEqualTo("eipalloc-0123456789abcdef0");
        assertThat(published.probe()).isEqualTo(t.probe());
        var adopted = topics.await(Topics.INCIDENTS, IncidentEvent.ReplacementAdopted.class,
                e -> e.incidentId().equals(incident), 1, WAIT).get(0).data();
        assertThat(adopted.replacedInstanceId()).isEqualTo(OLD);
        assertThat(adopted.instanceId()).isEqualTo(NEW);
        assertThat(given().when().get("/targets/" + t.id()).then().statusCode(200).extract().jsonPath()
                .getString("aws.instanceId")).isEqualTo(NEW);
        registry.reload().await().atMost(WAIT); // from the stored rows: the row itself names NEW
        assertThat(given().when().get("/targets/" + t.id()).then().statusCode(200).extract().jsonPath()
                .getString("aws.instanceId")).isEqualTo(NEW);

        topics.publish(Topics.HEALTH, Fixtures.probe(t.id(), true));
        topics.await(Topics.INCIDENTS, IncidentEvent.IncidentResolved.class, e -> e.incidentId().equals(incident), 1, WAIT);
        var detail = given().when().get("/incidents/" + incident).then().statusCode(200).extract().jsonPath();
        assertThat(detail.getList("timeline.text", String.class))
                .anySatisfy(line -> assertThat(line).startsWith("replacement adopted: " + OLD + " → " + NEW));
        // The original is watched as before, at its own address, under its own name.
        TargetSpec watch = topics.await(Topics.TARGETS, TargetSpec.class, s -> s.id().equals(t.id() + ".original"), 1, WAIT)
                .get(0).data();
        assertThat(watch.probe().host()).isEqualTo("10.0.1.5");

        // Incident 2: its first step reboots the instance now serving.
        topics.publish(Topics.HEALTH, Fixtures.probe(t.id(), false));
        RecoveryCommand next = command(t, c -> !c.incidentId().equals(incident));
        assertThat(next.step()).isEqualTo(1);
        assertThat(next.action()).isEqualTo("aws-ec2-reboot");
        assertThat(next.params()).containsEntry("instanceId", NEW).containsEntry("region", "eu-west-1");

        // The re-provision's result delivered again, then a result after it on the same partition (key = target id):
        // once that one is decided, the duplicate was too.
        publish(replaced);
        publish(result(next, RecoveryResult.Status.SUCCEEDED, null));
        topics.await(Topics.INCIDENTS, IncidentEvent.RecoveryStepSucceeded.class,
                e -> e.incidentId().equals(next.incidentId()), 1, WAIT);

        assertThat(topics.readAll(Topics.INCIDENTS, IncidentEvent.ReplacementAdopted.class).stream()
                .filter(e -> e.data().incidentId().equals(incident))).hasSize(1);
        assertThat(topics.readAll(Topics.TARGETS, TargetSpec.class).stream()
                .filter(e -> e.data().id().equals(t.id()) && e.data().aws() != null && NEW.equals(e.data().aws().instanceId())))
                .hasSize(1);
        assertThat(given().when().get("/incidents/" + incident).then().extract().jsonPath()
                .getList("timeline.type", String.class)).containsOnlyOnce("dev.revive.incident.replacement-adopted.v1");
    }

    static RecoveryCommand command(TargetSpec t, java.util.function.Predicate<RecoveryCommand> match) {
        return topics.await(Topics.COMMANDS, RecoveryCommand.class, c -> c.targetId().equals(t.id()) && match.test(c), 1, WAIT)
                .get(0).data();
    }

    /** As the actuator sends it: one {@code ce_id} per command, so a re-delivery is the same record. */
    static Envelope<RecoveryResult> result(RecoveryCommand c, RecoveryResult.Status status, String newInstance) {
        Instant now = Instant.now();
        RecoveryResult r = newInstance == null
                ? new RecoveryResult(c.commandId(), c.incidentId(), c.targetId(), c.step(), c.action(), status, false,
                        status == RecoveryResult.Status.FAILED ? "still impaired" : null, "done", null, null, now, now)
                : new RecoveryResult(c.commandId(), c.incidentId(), c.targetId(), c.step(), c.action(), status, false, null,
                        "re-provisioned " + OLD + " as " + newInstance, newInstance, "198.51.100.7", now, now, OLD, "10.0.1.5",
                        "eu-west-1");
        return Envelope.of(c.commandId() + "/result", r, "/revive/actuator", c.targetId(), now);
    }

    static void publish(Envelope<RecoveryResult> e) {
        topics.publish(Topics.COMMAND_RESULTS, e);
    }
}
