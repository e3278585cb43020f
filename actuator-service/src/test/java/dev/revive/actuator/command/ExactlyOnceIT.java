package dev.revive.actuator.command;

import static dev.revive.actuator.Commands.envelope;
import static dev.revive.actuator.Commands.executions;
import static dev.revive.actuator.Commands.result;
import static dev.revive.actuator.Commands.results;
import static dev.revive.actuator.Commands.signed;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.revive.actuator.Commands;
import dev.revive.actuator.ledger.FlakyLedger;
import dev.revive.actuator.ledger.Ledger;
import dev.revive.common.contract.RecoveryCommand;
import dev.revive.common.contract.RecoveryResult;
import dev.revive.common.contract.RecoveryResult.Status;
import dev.revive.common.envelope.Envelope;
import dev.revive.common.topic.Topics;
import dev.revive.testkit.RealInfrastructureResource;
import dev.revive.testkit.TestTopics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/** The ledger's promise on the real broker and database: a command's effect happens once, whatever Kafka does. */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructureResource.class, restrictToAnnotatedClass = false, initArgs = @ResourceArg(name = "database", value = "actuator"))
class ExactlyOnceIT {

    static final TestTopics topics = TestTopics.shared();

    @Inject
    Ledger ledger;

    @Inject
    FlakyLedger flakyLedger;

    @Test
    void runs_once_and_publishes_three_identical_results_when_the_command_is_delivered_three_times() {
        RecoveryCommand c = signed("exec", Map.of("command", "count"));
        Envelope<RecoveryCommand> e = envelope(c);
        topics.publish(Topics.COMMANDS, e);
        topics.publish(Topics.COMMANDS, e);
        topics.publish(Topics.COMMANDS, e);

        List<Envelope<RecoveryResult>> out = results(topics, c.commandId(), 3);

        assertThat(executions(c.commandId())).isEqualTo(1);
        assertThat(out).extracting(Envelope::data).allSatisfy(r -> assertThat(r).isEqualTo(out.get(0).data()));
        assertThat(out).extracting(Envelope::id).containsOnly(c.commandId() + "/result");
        assertThat(out.get(0).data().status()).isEqualTo(Status.SUCCEEDED);
        assertThat(out.get(0).data().output()).contains("restarted " + c.targetId());
    }

    @Test
    void keys_the_result_by_target_id() {
        RecoveryCommand c = signed("notify-only", Map.of());
        topics.publish(Topics.COMMANDS, envelope(c));

        Envelope<RecoveryResult> r = results(topics, c.commandId(), 1).get(0);

        assertThat(r.subject()).isEqualTo(c.targetId());
        assertThat(r.data().status()).isEqualTo(Status.SUCCEEDED);
    }

    @Test
    void reports_outcome_unknown_and_does_not_run_again_when_the_command_was_left_started() throws Exception {
        RecoveryCommand c = signed("exec", Map.of("command", "count"));
        // The crashed actuator: STARTED committed, the script ran, then it died before storing the outcome.
        assertThat(ledger.tryStart(c, Instant.now())).isTrue();
        runByHand(c);
        assertThat(executions(c.commandId())).isEqualTo(1);

        topics.publish(Topics.COMMANDS, envelope(c));
        RecoveryResult r = result(topics, c.commandId());

        assertThat(r.status()).isEqualTo(Status.OUTCOME_UNKNOWN);
        assertThat(r.reason()).startsWith("outcome unknown, verify");
        assertThat(executions(c.commandId())).isEqualTo(1);
        assertThat(ledger.find(c.commandId()).orElseThrow().state()).isEqualTo("OUTCOME_UNKNOWN");
    }

    @Test
    void publishes_the_real_result_and_does_not_run_again_when_only_the_outcome_write_failed() {
        RecoveryCommand c = signed("exec", Map.of("command", "count"));
        // The database goes away after the script ran: the outcome write fails, the consumer retries the record.
        flakyLedger.failNextFinish(c.commandId());
        topics.publish(Topics.COMMANDS, envelope(c));

        RecoveryResult r = result(topics, c.commandId());

        assertThat(flakyLedger.failedFinishes()).isEqualTo(1);
        assertThat(executions(c.commandId())).isEqualTo(1);
        assertThat(r.status()).isEqualTo(Status.SUCCEEDED);
        assertThat(r.output()).contains("restarted " + c.targetId());
        assertThat(ledger.find(c.commandId()).orElseThrow().state()).isEqualTo("SUCCEEDED");
        assertThat(ledger.find(c.commandId()).orElseThrow().result()).isEqualTo(r);
    }

    @Test
    void resumes_an_idempotent_command_that_was_left_started() {
        RecoveryCommand c = signed("dry-run", Map.of("describe", "reboot-i-0abc"));
        assertThat(ledger.tryStart(c, Instant.now())).isTrue();

        topics.publish(Topics.COMMANDS, envelope(c));
        RecoveryResult r = result(topics, c.commandId());

        assertThat(r.status()).isEqualTo(Status.SUCCEEDED);
        assertThat(ledger.find(c.commandId()).orElseThrow().attempts()).isEqualTo(2);
    }

    @Test
    void returns_the_stored_result_when_a_finished_command_comes_back_after_it_expired() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        RecoveryCommand base = signed("exec", Map.of("command", "count"));
        RecoveryCommand c = Commands.SIGNER.sign(new RecoveryCommand(base.commandId(), base.incidentId(), base.targetId(),
                1, "exec", base.params(), now, now.plus(Duration.ofSeconds(2)), null, null));
        topics.publish(Topics.COMMANDS, envelope(c));
        RecoveryResult first = result(topics, c.commandId());
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(c.expiresAt()));

        topics.publish(Topics.COMMANDS, envelope(c));
        List<Envelope<RecoveryResult>> both = results(topics, c.commandId(), 2);

        assertThat(both.get(1).data()).isEqualTo(first);
        assertThat(first.status()).isEqualTo(Status.SUCCEEDED);
        assertThat(executions(c.commandId())).isEqualTo(1);
    }

    @Test
    void reports_a_failing_command_with_its_exit_code_and_output() {
        RecoveryCommand c = signed("exec", Map.of("command", "fail"));
        topics.publish(Topics.COMMANDS, envelope(c));

        RecoveryResult r = result(topics, c.commandId());

        assertThat(r.status()).isEqualTo(Status.FAILED);
        assertThat(r.reason()).isEqualTo("'fail' exited with code 3");
        assertThat(r.output()).contains("broken");
        assertThat(r.nonRecoverable()).isFalse();
    }

    private static void runByHand(RecoveryCommand c) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", "src/test/resources/exec/count.sh", Commands.COUNTS.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("REVIVE_COMMAND_ID", c.commandId());
        pb.environment().put("REVIVE_TARGET_ID", c.targetId());
        assertThat(pb.start().waitFor()).isZero();
    }
}
