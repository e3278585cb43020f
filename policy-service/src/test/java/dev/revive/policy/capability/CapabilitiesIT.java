package dev.revive.policy.capability;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.revive.common.contract.ActuatorCapabilities;
import dev.revive.common.contract.TargetSpec;
import dev.revive.common.contract.TargetSpec.LadderStep;
import dev.revive.common.envelope.Envelope;
import dev.revive.common.envelope.Json;
import dev.revive.common.topic.Topics;
import dev.revive.policy.it.Fixtures;
import dev.revive.policy.it.PolicyTestProfile;
import dev.revive.testkit.TestTopics;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * Once an actuator has said what it can run, a target whose ladder or drill asks for anything else is refused with a
 * 400 naming the field and listing what exists; before that, it is accepted. Every test withdraws what it published,
 * so the other test classes of this run see no capabilities.
 */
@QuarkusTest
@TestProfile(PolicyTestProfile.class)
class CapabilitiesIT {

    static final String ACTUATOR = "revive-actuator-capabilities-it";
    static final TestTopics topics = TestTopics.shared();

    @AfterEach
    void withdraw() {
        topics.tombstone(Topics.CAPABILITIES, ACTUATOR);
        await().atMost(Duration.ofSeconds(30)).until(() -> !heard());
    }

    static boolean heard() {
        return given().header("Authorization", Fixtures.OPERATOR).when().get("/capabilities").then().statusCode(200)
                .extract().jsonPath().getBoolean("heard");
    }

    static void offer() {
        var caps = new ActuatorCapabilities(ACTUATOR, List.of("exec", "aws-ec2-reboot", "notify-only"),
                List.of(new ActuatorCapabilities.ExecCommand("restart-demo", List.of()),
                        new ActuatorCapabilities.ExecCommand("restart-unit", List.of("unit"))),
                List.of("restart-apache"), Instant.now());
        topics.publish(Topics.CAPABILITIES, Envelope.of(caps, "/revive/actuator/test", ACTUATOR));
        await().atMost(Duration.ofSeconds(30)).until(CapabilitiesIT::heard);
    }

    static TargetSpec withStep(String id, LadderStep step) {
        TargetSpec t = Fixtures.target(id, 0, 1);
        return new TargetSpec(t.id(), t.name(), t.tags(), t.probe(), t.locations(), t.detection(),
                new TargetSpec.RecoveryPlan(0L, 60L, 86_400L, 6, List.of(step)), t.notifications(), t.aws(), t.drill());
    }

    static List<Map<String, String>> violations(io.restassured.response.ValidatableResponse r) {
        return r.statusCode(400).extract().jsonPath().getList("violations");
    }

    @Test
    void before_any_actuator_is_heard_an_unknown_command_is_accepted() throws Exception {
        TargetSpec t = withStep(Fixtures.uniqueId("caps-unheard"), new LadderStep("exec", Map.of("command", "restart-nowhere")));
        given().header("Authorization", Fixtures.OPERATOR).contentType(ContentType.JSON).body(Json.MAPPER.writeValueAsString(t))
                .when().post("/targets").then().statusCode(201);
    }

    @Test
    void an_exec_command_no_actuator_offers_is_refused_naming_the_field_and_listing_the_commands() throws Exception {
        offer();
        TargetSpec t = withStep(Fixtures.uniqueId("caps-exec"), new LadderStep("exec", Map.of("command", "restart-nginx")));

        var v = violations(given().header("Authorization", Fixtures.OPERATOR).contentType(ContentType.JSON)
                .body(Json.MAPPER.writeValueAsString(t)).when().post("/targets").then());
        assertThat(v).singleElement().satisfies(e -> {
            assertThat(e.get("field")).isEqualTo("recovery.steps[0].params.command");
            assertThat(e.get("message")).contains("'restart-nginx'", "[restart-demo, restart-unit]");
        });

        TargetSpec ok = withStep(t.id(), new LadderStep("exec", Map.of("command", "restart-unit", "unit", "nginx")));
        given().header("Authorization", Fixtures.OPERATOR).contentType(ContentType.JSON).body(Json.MAPPER.writeValueAsString(ok))
                .when().post("/targets").then().statusCode(201);
    }

    @Test
    void an_action_template_or_drill_no_actuator_offers_is_refused_on_put_and_import() throws Exception {
        offer();
        String id = Fixtures.uniqueId("caps-put");
        TargetSpec k8s = withStep(id, new LadderStep("kubernetes", Map.of("namespace", "shop", "deployment", "web")));
        var v = violations(given().header("Authorization", Fixtures.OPERATOR).contentType(ContentType.JSON)
                .body(Json.MAPPER.writeValueAsString(k8s)).when().put("/targets/" + id).then());
        assertThat(v).extracting(e -> e.get("field")).containsExactly("recovery.steps[0].action");
        assertThat(v.get(0).get("message")).contains("'kubernetes'", "[aws-ec2-reboot, exec, notify-only]");

        TargetSpec base = withStep(id, new LadderStep("exec", Map.of("command", "restart-demo")));
        TargetSpec drill = new TargetSpec(base.id(), base.name(), base.tags(), base.probe(), base.locations(), base.detection(),
                base.recovery(), base.notifications(), base.aws(), new TargetSpec.Drill(new LadderStep("exec", Map.of("command", "stop-demo"))));
        v = violations(given().header("Authorization", Fixtures.OPERATOR).contentType(ContentType.JSON)
                .body(Json.MAPPER.writeValueAsString(drill)).when().put("/targets/" + id).then());
        assertThat(v).extracting(e -> e.get("field")).containsExactly("drill.stop.params.command");

        String yaml = """
                - id: %s
                  probe: { kind: HTTP, url: "https://a.example.com/" }
                  recovery:
                    steps:
                      - action: exec
                        params: { command: restart-demo }
                      - action: exec
                        params: { command: restart-unit, service: nginx }
                """.formatted(Fixtures.uniqueId("caps-import"));
        v = violations(given().header("Authorization", Fixtures.OPERATOR).contentType("application/yaml")
                .body(yaml.getBytes(StandardCharsets.UTF_8)).when().post("/targets/import").then());
        assertThat(v).extracting(e -> e.get("field")).containsExactly("targets[0].recovery.steps[1].params.service");
    }

    @Test
    void lists_what_the_actuators_offer() {
        offer();
        var actuators = given().header("Authorization", Fixtures.OPERATOR).when().get("/capabilities").then().statusCode(200)
                .extract().jsonPath().getList("actuators", Map.class);
        assertThat(actuators).singleElement().satisfies(a -> {
            assertThat(a.get("actuator")).isEqualTo(ACTUATOR);
            assertThat(a.get("actions").toString()).contains("exec");
            assertThat(a.get("execCommands").toString()).contains("restart-demo", "restart-unit", "unit");
        });
    }
}
