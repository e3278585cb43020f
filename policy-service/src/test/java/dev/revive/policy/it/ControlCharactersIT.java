package dev.revive.policy.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.revive.common.contract.IncidentEvent;
import dev.revive.common.contract.ProbeResult;
import dev.revive.common.contract.ProbeResult.ErrorClass;
import dev.revive.common.contract.ProbeResult.Outcome;
import dev.revive.common.contract.RecoveryCommand;
import dev.revive.common.contract.RecoveryResult;
import dev.revive.common.contract.TargetSpec;
import dev.revive.common.envelope.Envelope;
import dev.revive.common.envelope.Json;
import dev.revive.common.topic.Topics;
import dev.revive.testkit.TestTopics;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/** A NUL in a server's answer or a command's output still gets its incident and its step (PostgreSQL refuses NUL). */
@QuarkusTest
@TestProfile(PolicyTestProfile.class)
class ControlCharactersIT {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final TestTopics topics = TestTopics.shared();

    @Test
    void a_down_whose_detail_holds_a_nul_opens_an_incident_and_a_result_with_one_is_recorded() throws Exception {
        TargetSpec t = Fixtures.target(Fixtures.uniqueId("nul"), 0, 1);
        given().header("Authorization", Fixtures.OPERATOR).contentType(ContentType.JSON).body(Json.MAPPER.writeValueAsString(t))
                .when().put("/targets/" + t.id()).then().statusCode(200);

        String id = UUID.randomUUID().toString();
        var down = new ProbeResult(id, t.id(), "eu-west-1", "prober-nul", 1, Instant.now(), 12_000, Outcome.DOWN,
                ErrorClass.BODY_MISMATCH, 500, null, "10.0.0.7:443", null, "body: <html>\u0000\u0001bad</html>");
        topics.publish(Topics.HEALTH, Envelope.of(id, down, "/revive/prober/eu-west-1", t.id(), Instant.now()));

        IncidentEvent.IncidentOpened opened = topics.await(Topics.INCIDENTS, IncidentEvent.IncidentOpened.class,
                e -> e.targetId().equals(t.id()), 1, WAIT).get(0).data();
        assertThat(opened.reason()).contains("<html>\uFFFD\uFFFDbad</html>").doesNotContain("\u0000");
        RecoveryCommand cmd = topics.await(Topics.COMMANDS, RecoveryCommand.class, c -> c.targetId().equals(t.id()), 1, WAIT)
                .get(0).data();

        Instant now = Instant.now();
        var result = new RecoveryResult(cmd.commandId(), cmd.incidentId(), t.id(), 1, "exec", RecoveryResult.Status.SUCCEEDED,
                false, null, "restarted\u0000 ok", null, null, now, now);
        topics.publish(Topics.COMMAND_RESULTS, Envelope.of(result, "/revive/actuator", t.id()));
        topics.await(Topics.INCIDENTS, IncidentEvent.RecoveryStepSucceeded.class, e -> e.incidentId().equals(cmd.incidentId()), 1, WAIT);
    }
}
