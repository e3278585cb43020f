package dev.revive.policy.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Duration;
import java.time.Instant;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import dev.revive.common.contract.IncidentEvent;
import dev.revive.common.contract.NotificationRequest;
import dev.revive.common.contract.NotificationRequest.Kind;
import dev.revive.common.contract.RecoveryCommand;
import dev.revive.common.contract.RecoveryResult;
import dev.revive.common.contract.TargetSpec;
import dev.revive.common.envelope.Envelope;
import dev.revive.common.envelope.EnvelopeCodec;
import dev.revive.common.envelope.Json;
import dev.revive.common.topic.Topics;
import dev.revive.testkit.TestTopics;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/** The core loop on the real broker and database: probe failures → command and notice → result → resolved. */
@QuarkusTest
@TestProfile(PolicyTestProfile.class)
class LadderEndToEndIT {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final TestTopics topics = TestTopics.shared();

    static void register(TargetSpec t) throws Exception {
        given().header("Authorization", Fixtures.OPERATOR).contentType(ContentType.JSON).body(Json.MAPPER.writeValueAsString(t))
                .when().put("/targets/" + t.id()).then().statusCode(200);
    }

    @Test
    void a_failing_target_gets_a_signed_command_and_is_resolved_once_it_answers_again() throws Exception {
        TargetSpec t = Fixtures.target(Fixtures.uniqueId("e2e"), 0, 1);
        register(t);

        topics.publish(Topics.HEALTH, Fixtures.probe(t.id(), false));

        RecoveryCommand cmd = topics.await(Topics.COMMANDS, RecoveryCommand.class, c -> c.targetId().equals(t.id()), 1, WAIT)
                .get(0).data();
        assertThat(cmd.action()).isEqualTo("exec");
        assertThat(cmd.params()).containsEntry("command", "restart-apache");
        assertThat(cmd.step()).isEqualTo(1);
        assertThatCode(() -> Fixtures.ACTUATOR_VERIFIER.verify(cmd)).doesNotThrowAnyException();

        // Grace 0: the step starts as the incident opens, and one notice tells both (no "unless you hold it").
        NotificationRequest opened = topics.await(Topics.NOTIFICATIONS, NotificationRequest.class,
                n -> n.targetId().equals(t.id()) && n.kind() == Kind.STEP_STARTED, 1, WAIT).get(0).data();
        assertThat(opened.incidentId()).isEqualTo(cmd.incidentId());
        assertThat(opened.links()).containsKeys("hold", "ack", "incident");
        assertThat(opened.scheduledAt()).isNull();
        assertThat(opened.summary()).contains("is down").contains("is starting now");
        assertThat(opened.recipients()).extracting(NotificationRequest.Recipient::to).containsExactly("ops@example.com");

        Instant now = Instant.now();
        var result = new RecoveryResult(cmd.commandId(), cmd.incidentId(), t.id(), 1, "exec", RecoveryResult.Status.SUCCEEDED,
                false, null, "restarted", null, null, now, now);
        topics.publish(Topics.COMMAND_RESULTS, Envelope.of(result, "/revive/actuator", t.id()));
        topics.await(Topics.INCIDENTS, IncidentEvent.RecoveryStepSucceeded.class, e -> e.incidentId().equals(cmd.incidentId()), 1, WAIT);
        topics.publish(Topics.HEALTH, Fixtures.probe(t.id(), true));

        var resolved = topics.await(Topics.INCIDENTS, IncidentEvent.IncidentResolved.class,
                e -> e.incidentId().equals(cmd.incidentId()), 1, WAIT).get(0).data();
        assertThat(resolved.reason()).contains("step 1");
        NotificationRequest done = topics.await(Topics.NOTIFICATIONS, NotificationRequest.class,
                n -> cmd.incidentId().equals(n.incidentId()) && n.kind() == Kind.RESOLVED, 1, WAIT).get(0).data();
        assertThat(done.facts()).containsKey("downtimeSeconds");

        var detail = given().when().get("/incidents/" + cmd.incidentId()).then().statusCode(200).extract().jsonPath();
        assertThat(detail.getString("phase")).isEqualTo("RESOLVED");
        assertThat(detail.getList("timeline.type", String.class)).containsExactly(
                "dev.revive.incident.opened.v1", "dev.revive.incident.step-started.v1", "dev.revive.incident.step-succeeded.v1",
                "dev.revive.incident.verification-passed.v1", "dev.revive.incident.resolved.v1");
        assertThat(topics.readAll(Topics.COMMANDS, RecoveryCommand.class).stream()
                .filter(e -> e.data().incidentId().equals(cmd.incidentId()))).hasSize(1);
        assertThat(topics.readAll(Topics.NOTIFICATIONS, NotificationRequest.class).stream()
                .filter(e -> cmd.incidentId().equals(e.data().incidentId())).map(e -> e.data().kind()))
                .containsExactly(Kind.STEP_STARTED, Kind.STEP_SUCCEEDED, Kind.RESOLVED);
    }

    @Test
    void a_duplicated_probe_result_does_not_count_twice() throws Exception {
        TargetSpec t = Fixtures.target(Fixtures.uniqueId("dup"), 600, 2);
        register(t);
        var first = Fixtures.probe(t.id(), false);
        topics.publish(Topics.HEALTH, first);
        topics.publish(Topics.HEALTH, first);
        var second = Fixtures.probe(t.id(), false);
        topics.publish(Topics.HEALTH, second);

        var opened = topics.await(Topics.INCIDENTS, IncidentEvent.IncidentOpened.class, e -> e.targetId().equals(t.id()), 1, WAIT)
                .get(0).data();
        // Had the duplicate counted, the second copy of the first result would have opened the incident.
        assertThat(opened.evidence()).containsEntry("probeResultId", second.id());
    }

    @Test
    void an_unreadable_health_record_goes_to_the_dead_letter_topic_and_the_stream_goes_on() throws Exception {
        TargetSpec t = Fixtures.target(Fixtures.uniqueId("dlq"), 600, 1);
        register(t);
        topics.publishRaw(Topics.HEALTH, t.id(), "{not json".getBytes(), Fixtures.probe(t.id(), false));
        topics.publish(Topics.HEALTH, Fixtures.probe(t.id(), false));

        ConsumerRecord<String, byte[]> dead = TestTopics.awaitRecord(Topics.HEALTH + Topics.DLQ_SUFFIX, t.id(), r -> true);
        assertThat(EnvelopeCodec.text(dead.headers(), EnvelopeCodec.DLQ_REASON)).contains("not a valid ProbeResult");
        topics.await(Topics.INCIDENTS, IncidentEvent.IncidentOpened.class, e -> e.targetId().equals(t.id()), 1, WAIT);
    }

    @Test
    void a_hold_link_from_the_opening_notice_stops_the_ladder_without_an_api_key() throws Exception {
        TargetSpec t = Fixtures.target(Fixtures.uniqueId("hold"), 600, 1);
        register(t);
        topics.publish(Topics.HEALTH, Fixtures.probe(t.id(), false));
        NotificationRequest opened = topics.await(Topics.NOTIFICATIONS, NotificationRequest.class,
                n -> n.targetId().equals(t.id()) && n.kind() == Kind.OPENED, 1, WAIT).get(0).data();
        String path = java.net.URI.create(opened.links().get("hold")).getPath();

        given().when().get(path).then().statusCode(200).extract().jsonPath();
        assertThat(given().when().get("/incidents/" + opened.incidentId()).then().extract().jsonPath().getBoolean("held")).isFalse();
        given().when().post(path).then().statusCode(200);
        var detail = given().when().get("/incidents/" + opened.incidentId()).then().statusCode(200).extract().jsonPath();
        assertThat(detail.getBoolean("held")).isTrue();
        given().when().post(path.substring(0, path.length() - 2) + "xx").then().statusCode(403);
    }

    @Test
    void operators_hold_ack_and_resolve_through_the_api_and_anonymous_callers_cannot() throws Exception {
        TargetSpec t = Fixtures.target(Fixtures.uniqueId("ops"), 600, 1);
        register(t);
        topics.publish(Topics.HEALTH, Fixtures.probe(t.id(), false));
        var opened = topics.await(Topics.INCIDENTS, IncidentEvent.IncidentOpened.class, e -> e.targetId().equals(t.id()), 1, WAIT)
                .get(0).data();
        String id = opened.incidentId();
        given().when().post("/incidents/" + id + "/ack").then().statusCode(401);
        given().header("Authorization", Fixtures.OPERATOR).when().post("/incidents/" + id + "/ack").then().statusCode(200);
        given().header("Authorization", Fixtures.OPERATOR).contentType(ContentType.JSON).body("{\"reason\":\"fixed by hand\"}")
                .when().post("/incidents/" + id + "/resolve").then().statusCode(200);
        var open = given().queryParam("state", "open").queryParam("target", t.id()).when().get("/incidents").then()
                .statusCode(200).extract().jsonPath().getList("id", String.class);
        assertThat(open).isEmpty();
        var detail = given().when().get("/incidents/" + id).then().statusCode(200).extract().jsonPath();
        assertThat(detail.getString("ackedBy")).startsWith("operator:");
        assertThat(detail.getString("phase")).isEqualTo("RESOLVED");
    }


}
