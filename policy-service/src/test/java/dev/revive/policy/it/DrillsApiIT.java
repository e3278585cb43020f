package dev.revive.policy.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.revive.common.contract.Channel;
import dev.revive.common.contract.DeliveryReceipt;
import dev.revive.common.contract.IncidentEvent;
import dev.revive.common.contract.NotificationRequest;
import dev.revive.common.contract.NotificationRequest.Kind;
import dev.revive.common.contract.RecoveryCommand;
import dev.revive.common.contract.RecoveryResult;
import dev.revive.common.contract.TargetSpec;
import dev.revive.common.contract.TargetSpec.LadderStep;
import dev.revive.common.envelope.Envelope;
import dev.revive.common.topic.Topics;
import dev.revive.testkit.TestTopics;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** POST /drills on the real broker and database: probes published as the prober would, the command and stages observed. */
@QuarkusTest
@TestProfile(PolicyTestProfile.class)
class DrillsApiIT {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final TestTopics topics = TestTopics.shared();

    static String post(Object body, int status) {
        return given().header("Authorization", Fixtures.OPERATOR).contentType(ContentType.JSON).body(body)
                .when().post("/drills").then().statusCode(status).extract().asString();
    }

    static JsonPath drill(String id) {
        return given().when().get("/drills/" + id).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void a_fail_probes_drill_closes_the_loop_and_reports_each_stage() throws Exception {
        TargetSpec t = Fixtures.target(Fixtures.uniqueId("drill"), 0, 1);
        LadderEndToEndIT.register(t);

        var started = given().header("Authorization", Fixtures.OPERATOR).contentType(ContentType.JSON)
                .body(Map.of("targetId", t.id(), "mode", "fail-probes", "timeoutSeconds", 120))
                .when().post("/drills").then().statusCode(202).extract();
        String id = started.jsonPath().getString("id");
        assertThat(started.header("Location")).endsWith("/drills/" + id);
        assertThat(started.jsonPath().getString("state")).isEqualTo("RUNNING");
        post(Map.of("targetId", t.id(), "mode", "fail-probes"), 409); // one running drill per target

        topics.publish(Topics.HEALTH, Fixtures.probe(t.id(), true)); // the site answers, but the drill fails it
        RecoveryCommand cmd = topics.await(Topics.COMMANDS, RecoveryCommand.class, c -> c.targetId().equals(t.id()), 1, WAIT)
                .get(0).data();
        var opened = topics.await(Topics.INCIDENTS, IncidentEvent.IncidentOpened.class,
                e -> e.incidentId().equals(cmd.incidentId()), 1, WAIT).get(0).data();
        assertThat(opened.reason()).startsWith("DRILL");
        post(Map.of("targetId", t.id(), "mode", "fail-probes"), 409); // an open incident

        // Grace 0: the opening is told by the notice of the step that started with it.
        NotificationRequest notice = topics.await(Topics.NOTIFICATIONS, NotificationRequest.class,
                n -> cmd.incidentId().equals(n.incidentId()) && n.kind() == Kind.STEP_STARTED, 1, WAIT).get(0).data();
        topics.publish(Topics.NOTIFICATION_RECEIPTS, Envelope.of(new DeliveryReceipt(notice.notificationId(), cmd.incidentId(),
                t.id(), Channel.EMAIL, "ops@example.com", DeliveryReceipt.Status.DELIVERED, 1, null, "<m@revive>", Instant.now()),
                "/revive/notifier", t.id()));
        topics.await(Topics.INCIDENTS, IncidentEvent.AdminNotified.class, e -> e.incidentId().equals(cmd.incidentId()), 1, WAIT);

        Instant now = Instant.now();
        topics.publish(Topics.COMMAND_RESULTS, Envelope.of(new RecoveryResult(cmd.commandId(), cmd.incidentId(), t.id(), 1,
                "exec", RecoveryResult.Status.SUCCEEDED, false, null, "restarted", null, null, now, now), "/revive/actuator", t.id()));
        topics.await(Topics.INCIDENTS, IncidentEvent.RecoveryStepSucceeded.class, e -> e.incidentId().equals(cmd.incidentId()), 1, WAIT);
        topics.publish(Topics.HEALTH, Fixtures.probe(t.id(), true)); // the step "cured" the simulated outage

        await().atMost(WAIT).untilAsserted(() -> assertThat(drill(id).getString("state")).isEqualTo("CLOSED"));
        JsonPath done = drill(id);
        assertThat(done.getString("incidentId")).isEqualTo(cmd.incidentId());
        assertThat(done.getList("stages.stage", String.class)).containsExactlyInAnyOrder("incidentOpened", "adminNotified",
                "stepStarted", "stepResult", "verificationPassed", "incidentResolved");
        List<Long> millis = done.getList("stages.sinceStartMillis", Long.class);
        assertThat(millis).allSatisfy(m -> assertThat(m).isNotNegative());
        assertThat(done.getLong("elapsedMillis")).isEqualTo(millis.stream().max(Long::compare).orElseThrow());
        assertThat(done.getBoolean("faultActive")).isFalse();
    }

    @Test
    void a_drill_right_after_a_recovery_starts_the_ladder_at_step_1() throws Exception {
        // Seen on the local stack: a drill within the demo's reset window of its last recovery continued the ladder
        // at step 2 (none there: "ladder exhausted"). A drill's outage is deliberate, not the target flapping.
        TargetSpec t = Fixtures.target(Fixtures.uniqueId("redrill"), 0, 1);
        LadderEndToEndIT.register(t);
        topics.publish(Topics.HEALTH, Fixtures.probe(t.id(), false));
        RecoveryCommand first = topics.await(Topics.COMMANDS, RecoveryCommand.class, c -> c.targetId().equals(t.id()), 1, WAIT)
                .get(0).data();
        Instant now = Instant.now();
        topics.publish(Topics.COMMAND_RESULTS, Envelope.of(new RecoveryResult(first.commandId(), first.incidentId(), t.id(), 1,
                "exec", RecoveryResult.Status.SUCCEEDED, false, null, "restarted", null, null, now, now), "/revive/actuator", t.id()));
        topics.publish(Topics.HEALTH, Fixtures.probe(t.id(), true));
        topics.await(Topics.INCIDENTS, IncidentEvent.IncidentResolved.class, e -> e.incidentId().equals(first.incidentId()), 1, WAIT);

        post(Map.of("targetId", t.id(), "mode", "fail-probes", "timeoutSeconds", 120), 202);
        topics.publish(Topics.HEALTH, Fixtures.probe(t.id(), true)); // failed by the drill
        RecoveryCommand drilled = topics.await(Topics.COMMANDS, RecoveryCommand.class,
                c -> c.targetId().equals(t.id()) && !c.incidentId().equals(first.incidentId()), 1, WAIT).get(0).data();
        assertThat(drilled.step()).isEqualTo(1);
    }

    @Test
    void a_stop_target_drill_sends_the_target_s_signed_stop_command() throws Exception {
        TargetSpec base = Fixtures.target(Fixtures.uniqueId("stop"), 0, 1);
        TargetSpec t = new TargetSpec(base.id(), base.name(), base.tags(), base.probe(), base.locations(), base.detection(),
                base.recovery(), base.notifications(), base.aws(), new TargetSpec.Drill(new LadderStep("exec", Map.of("command", "stop-demo"))));
        LadderEndToEndIT.register(t);

        String id = JsonPath.from(post(Map.of("targetId", t.id(), "mode", "stop-target"), 202)).getString("id");

        RecoveryCommand stop = topics.await(Topics.COMMANDS, RecoveryCommand.class, c -> c.targetId().equals(t.id()), 1, WAIT)
                .get(0).data();
        assertThat(stop.commandId()).isEqualTo("drill-" + id + "-stop");
        assertThat(stop.action()).isEqualTo("exec");
        assertThat(stop.params()).containsEntry("command", "stop-demo");
        assertThatCode(() -> Fixtures.ACTUATOR_VERIFIER.verify(stop)).doesNotThrowAnyException();

        // The actuator refuses it (say, not allow-listed there): the drill ends NOT_CLOSED with the reason.
        Instant now = Instant.now();
        topics.publish(Topics.COMMAND_RESULTS, Envelope.of(new RecoveryResult(stop.commandId(), stop.incidentId(), t.id(), 0,
                "exec", RecoveryResult.Status.REJECTED, false, "exec command 'stop-demo' is not configured here", null, null, null,
                now, now), "/revive/actuator", t.id()));
        await().atMost(WAIT).untilAsserted(() -> assertThat(drill(id).getString("state")).isEqualTo("NOT_CLOSED"));
        assertThat(drill(id).getString("outcome")).contains("REJECTED").contains("not configured");
        assertThat(drill(id).getString("stopStatus")).isEqualTo("REJECTED");
    }

    static TargetSpec withRecovery(TargetSpec base, TargetSpec.RecoveryPlan recovery, TargetSpec.Drill drill) {
        return new TargetSpec(base.id(), base.name(), base.tags(), base.probe(), base.locations(), base.detection(), recovery,
                base.notifications(), base.aws(), drill);
    }

    @Test
    void a_drill_on_a_silenced_target_is_409_naming_the_silence_and_sends_nothing() throws Exception {
        TargetSpec t = Fixtures.target(Fixtures.uniqueId("silenced"), 0, 1);
        TargetSpec stoppable = withRecovery(t, t.recovery(), new TargetSpec.Drill(new LadderStep("exec", Map.of("command", "stop-demo"))));
        LadderEndToEndIT.register(stoppable);
        String silence = given().header("Authorization", Fixtures.OPERATOR).contentType(ContentType.JSON)
                .body(Map.of("targetId", t.id(), "endsAt", Instant.now().plusSeconds(3600).toString(), "reason", "maintenance"))
                .when().post("/silences").then().statusCode(201).extract().jsonPath().getString("id");

        String answer = post(Map.of("targetId", t.id(), "mode", "stop-target"), 409);
        assertThat(answer).contains("silence " + silence).contains("maintenance");
        post(Map.of("targetId", t.id(), "mode", "fail-probes"), 409);
        assertThat(given().when().get("/drills").then().statusCode(200).extract().jsonPath().getList("targetId", String.class))
                .doesNotContain(t.id());
        assertThat(topics.readAll(Topics.COMMANDS, RecoveryCommand.class)).noneMatch(c -> c.data().targetId().equals(t.id()));
    }

    @Test
    void a_drill_the_action_budget_has_no_room_for_is_409() throws Exception {
        TargetSpec base = Fixtures.target(Fixtures.uniqueId("budget"), 0, 1);
        var r = base.recovery();
        // stop-target runs two actions (the stop, then step 1): a budget of one has no room for it.
        TargetSpec t = withRecovery(base, new TargetSpec.RecoveryPlan(r.graceSeconds(), r.verifySeconds(), r.resetWindowSeconds(), 1,
                r.steps()), new TargetSpec.Drill(new LadderStep("exec", Map.of("command", "stop-demo"))));
        LadderEndToEndIT.register(t);
        assertThat(post(Map.of("targetId", t.id(), "mode", "stop-target"), 409)).contains("action budget of 1")
                .contains("the drill needs 2");
        TargetSpec none = withRecovery(base, new TargetSpec.RecoveryPlan(r.graceSeconds(), r.verifySeconds(), r.resetWindowSeconds(), 0,
                r.steps()), null);
        LadderEndToEndIT.register(none);
        assertThat(post(Map.of("targetId", t.id(), "mode", "fail-probes"), 409)).contains("action budget of 0");
        assertThat(topics.readAll(Topics.COMMANDS, RecoveryCommand.class)).noneMatch(c -> c.data().targetId().equals(t.id()));
    }

    @Test
    void a_drill_runs_re_provision_only_where_the_target_marks_its_drill_safe() throws Exception {
        TargetSpec base = Fixtures.target(Fixtures.uniqueId("reprov"), 600, 1);
        var aws = new TargetSpec.AwsInstance("i-0123456789abcdef0", "eu-west-1", null, null, "revive=web-1");
        var r = base.recovery();
        var reprovision = new TargetSpec.RecoveryPlan(r.graceSeconds(), r.verifySeconds(), r.resetWindowSeconds(), r.actionBudgetPerDay(),
                List.of(new LadderStep("aws-reprovision", Map.of())));
        // A stop action that replaces the server is refused when the target is written.
        TargetSpec stopByReprovision = new TargetSpec(base.id(), base.name(), base.tags(), base.probe(), base.locations(),
                base.detection(), base.recovery(), base.notifications(), aws, new TargetSpec.Drill(new LadderStep("aws-reprovision", Map.of())));
        assertThat(given().header("Authorization", Fixtures.OPERATOR).contentType(ContentType.JSON)
                .body(dev.revive.common.envelope.Json.MAPPER.writeValueAsString(stopByReprovision))
                .when().put("/targets/" + base.id()).then().statusCode(400).extract().asString())
                .contains("\"field\":\"drill.stop.action\"").contains("drillSafe");

        // Step 1 re-provisions: a drill would run it, so it needs drill.drillSafe.
        TargetSpec t = new TargetSpec(base.id(), base.name(), base.tags(), base.probe(), base.locations(), base.detection(),
                reprovision, base.notifications(), aws, null);
        LadderEndToEndIT.register(t);
        assertThat(post(Map.of("targetId", t.id(), "mode", "fail-probes"), 400)).contains("\"field\":\"recovery.steps[0].action\"")
                .contains("drill.drillSafe");

        TargetSpec marked = new TargetSpec(base.id(), base.name(), base.tags(), base.probe(), base.locations(), base.detection(),
                reprovision, base.notifications(), aws, new TargetSpec.Drill(new LadderStep("exec", Map.of("command", "stop-demo")), true));
        LadderEndToEndIT.register(marked);
        post(Map.of("targetId", t.id(), "mode", "fail-probes", "timeoutSeconds", 5), 202);
    }

    @Test
    void bad_input_is_400_naming_the_field_an_unknown_target_404_and_anonymous_401() throws Exception {
        assertThat(post(Map.of("mode", "fail-probes"), 400)).contains("\"field\":\"targetId\"");
        assertThat(post(Map.of("targetId", "x", "mode", "explode"), 400)).contains("\"field\":\"mode\"");
        assertThat(post(Map.of("targetId", "x", "mode", "fail-probes", "timeoutSeconds", 0), 400))
                .contains("\"field\":\"timeoutSeconds\"");
        assertThat(post("{\"targetId\":\"x\",\"mode\":\"fail-probes\",\"timeoutSeconds\":\"soon\"}", 400))
                .contains("\"field\":\"timeoutSeconds\"");
        post(Map.of("targetId", "no-such-target", "mode", "fail-probes"), 404);

        TargetSpec t = Fixtures.target(Fixtures.uniqueId("nostop"), 0, 1);
        LadderEndToEndIT.register(t);
        assertThat(post(Map.of("targetId", t.id(), "mode", "stop-target"), 400)).contains("\"field\":\"mode\"")
                .contains("drill.stop");
        given().contentType(ContentType.JSON).body(Map.of("targetId", t.id(), "mode", "fail-probes"))
                .when().post("/drills").then().statusCode(401);
        given().when().get("/drills/nope").then().statusCode(404);
    }
}
