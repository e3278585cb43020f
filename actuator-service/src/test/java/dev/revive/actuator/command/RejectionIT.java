package dev.revive.actuator.command;

import static dev.revive.actuator.Commands.envelope;
import static dev.revive.actuator.Commands.executions;
import static dev.revive.actuator.Commands.result;
import static dev.revive.actuator.Commands.results;
import static dev.revive.actuator.Commands.signed;
import static dev.revive.actuator.Commands.unsigned;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.revive.actuator.Commands;
import dev.revive.common.contract.RecoveryCommand;
import dev.revive.common.contract.RecoveryResult;
import dev.revive.common.contract.RecoveryResult.Status;
import dev.revive.common.envelope.EnvelopeCodec;
import dev.revive.common.signing.CommandSigner;
import dev.revive.common.topic.Topics;
import dev.revive.testkit.RealInfrastructureResource;
import dev.revive.testkit.TestTopics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/** Everything refused before anything runs: each gets a REJECTED result with its reason, a metric, no execution. */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructureResource.class, restrictToAnnotatedClass = false, initArgs = @ResourceArg(name = "database", value = "actuator"))
class RejectionIT {

    static final TestTopics topics = TestTopics.shared();

    private static final Map<String, String> COUNT = Map.of("command", "count");

    @Test
    void rejects_a_forged_signature() {
        RecoveryCommand good = signed("exec", COUNT);
        RecoveryCommand forged = CommandSigner.fromConfig("test:an-attacker-guessed-key-0123456789abcdef", "test",
                java.time.Clock.systemUTC()).sign(good);
        assertRejected(forged, "bad_signature: ");
    }

    @Test
    void rejects_a_command_altered_after_signing() {
        RecoveryCommand good = signed("exec", COUNT);
        RecoveryCommand altered = new RecoveryCommand(good.commandId(), good.incidentId(), "another-target", good.step(),
                good.action(), good.params(), good.issuedAt(), good.expiresAt(), good.keyId(), good.signature());
        assertRejected(altered, "bad_signature: ");
    }

    @Test
    void rejects_an_unsigned_command() {
        assertRejected(unsigned("exec", COUNT), "unsigned: ");
    }

    @Test
    void rejects_a_command_signed_with_an_unknown_key() {
        RecoveryCommand c = CommandSigner.fromConfig("other:revive-test-only-signing-key-0123456789abcdef", "other",
                java.time.Clock.systemUTC()).sign(unsigned("exec", COUNT));
        assertRejected(c, "unknown_key: ");
    }

    @Test
    void rejects_an_expired_command() {
        RecoveryCommand u = unsigned("exec", COUNT);
        Instant past = Instant.now().minus(Duration.ofMinutes(10));
        RecoveryCommand c = Commands.SIGNER.sign(new RecoveryCommand(u.commandId(), u.incidentId(), u.targetId(), 1,
                "exec", COUNT, past, past.plus(Duration.ofMinutes(5)), null, null));
        assertRejected(c, "expired: ");
    }

    @Test
    void rejects_an_action_off_the_allow_list() {
        assertRejected(signed("shell", Map.of("command", "count")), "unknown_action: ");
    }

    @Test
    void rejects_shell_metacharacters_in_a_parameter() {
        assertRejected(signed("exec", Map.of("command", "count; rm -rf /")), "bad_param: ");
    }

    @Test
    void rejects_an_exec_command_that_is_not_configured() {
        assertRejected(signed("exec", Map.of("command", "reboot")), "not_configured: ");
    }

    @Test
    void rejects_a_command_missing_a_required_parameter() {
        assertRejected(signed("aws-ec2-reboot", Map.of("instanceId", "i-0123456789abcdef0")), "missing_param: ");
    }

    @Test
    void counts_rejections_by_reason_in_the_metrics() {
        double before = rejectedCount("unsigned");

        assertRejected(unsigned("exec", COUNT), "unsigned: ");

        assertThat(rejectedCount("unsigned")).isEqualTo(before + 1);
    }

    private static double rejectedCount(String reason) {
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        var m = java.util.regex.Pattern.compile("revive_actuator_commands_rejected_total\\{[^}]*reason=\"" + reason
                + "\"[^}]*} ([0-9.E]+)").matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    @Test
    void sends_an_unreadable_record_to_the_dead_letter_topic_and_goes_on() {
        RecoveryCommand next = signed("notify-only", Map.of());
        String marker = "garbage-" + next.commandId();
        topics.publishRaw(Topics.COMMANDS, "t", marker.getBytes(), envelope(next));
        topics.publish(Topics.COMMANDS, envelope(next));

        assertThat(result(topics, next.commandId()).status()).isEqualTo(Status.SUCCEEDED);
        var dead = topics.companion().consume(String.class, byte[].class)
                .fromTopics(Topics.COMMANDS + Topics.DLQ_SUFFIX)
                .awaitRecords(1, Duration.ofSeconds(60));
        assertThat(dead.getRecords()).anySatisfy(r -> {
            assertThat(new String(r.value())).isEqualTo(marker);
            assertThat(EnvelopeCodec.text(r.headers(), EnvelopeCodec.DLQ_REASON)).contains("RecoveryCommand");
        });
    }

    private static void assertRejected(RecoveryCommand c, String reasonPrefix) {
        topics.publish(Topics.COMMANDS, envelope(c));

        var published = results(topics, c.commandId(), 1).get(0);
        RecoveryResult r = published.data();

        assertThat(r.status()).isEqualTo(Status.REJECTED);
        assertThat(r.reason()).startsWith(reasonPrefix);
        assertThat(published.id()).isNotEqualTo(c.commandId() + "/result");
        assertThat(executions(c.commandId())).isZero();
    }
}
