package dev.revive.policy.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.revive.common.contract.HostMetrics;
import dev.revive.common.contract.IncidentEvent;
import dev.revive.common.contract.NotificationRequest;
import dev.revive.common.contract.NotificationRequest.Kind;
import dev.revive.common.contract.RecoveryCommand;
import dev.revive.common.contract.Severity;
import dev.revive.common.contract.TargetSpec;
import dev.revive.common.envelope.Envelope;
import dev.revive.common.envelope.Json;
import dev.revive.common.topic.Topics;
import dev.revive.testkit.TestTopics;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/** WARNING incidents from revive.metrics, and silences, on the real broker and database. */
@QuarkusTest
@TestProfile(PolicyTestProfile.class)
class WarningsAndSilencesIT {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final TestTopics topics = TestTopics.shared();

    static TargetSpec withMaxEstablished(TargetSpec t, int max) {
        var d = t.detection();
        return new TargetSpec(t.id(), t.name(), t.tags(), t.probe(), t.locations(), new TargetSpec.Detection(d.failureThreshold(),
                d.recoveryThreshold(), d.quorum(), d.windowSeconds(), max, d.tlsMinDays(), d.latencyBudgetMs(), d.flapChanges()), t.recovery(),
                t.notifications(), t.aws());
    }

    static void register(TargetSpec t) throws Exception {
        given().header("Authorization", Fixtures.OPERATOR).contentType(ContentType.JSON).body(Json.MAPPER.writeValueAsString(t))
                .when().put("/targets/" + t.id()).then().statusCode(200);
    }

    @Test
    void too_many_established_connections_send_a_warning_and_never_a_command() throws Exception {
        TargetSpec t = withMaxEstablished(Fixtures.target(Fixtures.uniqueId("conn"), 0, 1), 100);
        register(t);
        var metrics = new HostMetrics(UUID.randomUUID().toString(), t.id(), "web-host-1", "i-0abc", Instant.now(),
                List.of(new HostMetrics.PortStates(443, Map.of("ESTABLISHED", 150, "TIME_WAIT", 20))));
        topics.publish(Topics.METRICS, Envelope.of(metrics, "/revive/prober/host-agent", t.id()));

        NotificationRequest warning = topics.await(Topics.NOTIFICATIONS, NotificationRequest.class,
                n -> t.id().equals(n.targetId()) && n.kind() == Kind.WARNING, 1, WAIT).get(0).data();
        assertThat(warning.severity()).isEqualTo(Severity.WARNING);
        assertThat(warning.facts()).containsEntry("established", "150").containsEntry("rule", "established-connections");

        // A fence: a real failure's command is keyed like any command of the warning would be, so once it is on
        // the topic every earlier command of this target is too.
        topics.publish(Topics.HEALTH, Fixtures.probe(t.id(), false));
        RecoveryCommand critical = topics.await(Topics.COMMANDS, RecoveryCommand.class, c -> c.targetId().equals(t.id()), 1, WAIT)
                .get(0).data();
        assertThat(critical.incidentId()).isNotEqualTo(warning.incidentId());
        assertThat(topics.readAll(Topics.COMMANDS, RecoveryCommand.class).stream()
                .filter(e -> e.data().incidentId().equals(warning.incidentId()))).isEmpty();
    }

    @Test
    void a_silenced_target_is_held_without_any_notice_until_the_silence_is_deleted() throws Exception {
        TargetSpec t = Fixtures.target(Fixtures.uniqueId("quiet"), 0, 1);
        register(t);
        String silence = given().header("Authorization", Fixtures.OPERATOR).contentType(ContentType.JSON)
                .body(Map.of("targetId", t.id(), "endsAt", Instant.now().plusSeconds(3600).toString(), "reason", "patching"))
                .when().post("/silences").then().statusCode(201).extract().jsonPath().getString("id");

        topics.publish(Topics.HEALTH, Fixtures.probe(t.id(), false));
        var hold = topics.await(Topics.INCIDENTS, IncidentEvent.HoldPlaced.class, e -> e.targetId().equals(t.id()), 1, WAIT)
                .get(0).data();
        assertThat(hold.by()).isEqualTo("silence");

        given().header("Authorization", Fixtures.OPERATOR).when().delete("/silences/" + silence).then().statusCode(204);
        RecoveryCommand cmd = topics.await(Topics.COMMANDS, RecoveryCommand.class, c -> c.targetId().equals(t.id()), 1, WAIT)
                .get(0).data();
        assertThat(cmd.incidentId()).isEqualTo(hold.incidentId());
        // The command left after the opening's outbox rows were published and acked: had the opening told anyone,
        // that notice would be readable now.
        assertThat(topics.readAll(Topics.NOTIFICATIONS, NotificationRequest.class).stream().map(Envelope::data)
                .filter(n -> hold.incidentId().equals(n.incidentId())).map(NotificationRequest::kind))
                .doesNotContain(Kind.OPENED, Kind.HELD);
    }

    @Test
    void creating_a_silence_needs_an_operator_key() {
        given().contentType(ContentType.JSON).body(Map.of("tag", "prod", "endsAt", Instant.now().plusSeconds(60).toString()))
                .when().post("/silences").then().statusCode(401);
    }

    @Test
    void a_silence_naming_both_a_target_and_a_tag_is_refused_naming_the_field() {
        var fields = given().header("Authorization", Fixtures.OPERATOR).contentType(ContentType.JSON)
                .body(Map.of("targetId", "x", "tag", "prod", "endsAt", Instant.now().plusSeconds(60).toString()))
                .when().post("/silences").then().statusCode(400).extract().jsonPath().getList("violations.field", String.class);
        assertThat(fields).contains("targetId");
    }
}
