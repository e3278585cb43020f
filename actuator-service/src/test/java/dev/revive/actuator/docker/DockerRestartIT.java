package dev.revive.actuator.docker;

import static dev.revive.actuator.Commands.envelope;
import static dev.revive.actuator.Commands.result;
import static dev.revive.actuator.Commands.results;
import static dev.revive.actuator.Commands.signed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.revive.actuator.ledger.Ledger;
import dev.revive.common.contract.RecoveryCommand;
import dev.revive.common.contract.RecoveryResult;
import dev.revive.common.contract.RecoveryResult.Status;
import dev.revive.common.envelope.Envelope;
import dev.revive.common.topic.Topics;
import dev.revive.testkit.RealDocker;
import dev.revive.testkit.RealInfrastructureResource;
import dev.revive.testkit.TestTopics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/**
 * {@code docker-restart} through the whole actuator: signed commands on the real broker, the ledger in the real
 * PostgreSQL, the restart on the test kit's real Docker engine (socket and allow-list from the %test profile).
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructureResource.class, restrictToAnnotatedClass = false, initArgs = @ResourceArg(name = "database", value = "actuator"))
class DockerRestartIT {

    /** Allow-listed by name in the %test profile. */
    static final String ALLOWED = "revive-it-allowed";

    static final TestTopics topics = TestTopics.shared();

    @Inject
    Ledger ledger;

    String other;

    @BeforeEach
    void engine() {
        Assumptions.assumeTrue(RealDocker.available(), RealDocker::why);
        other = "revive-it-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void remove() {
        if (RealDocker.available()) {
            TestContainers.remove(ALLOWED);
            TestContainers.remove(other);
        }
    }

    static void runAndAwaitStart(String name, Map<String, String> labels) {
        TestContainers.run(name, labels);
        await().atMost(Duration.ofSeconds(30)).until(() -> TestContainers.starts(name) == 1);
    }

    @Test
    void restarts_once_and_publishes_two_identical_results_when_the_command_is_delivered_twice() {
        runAndAwaitStart(ALLOWED, Map.of());
        String before = TestContainers.startedAt(ALLOWED);
        RecoveryCommand c = signed("docker-restart", Map.of("container", ALLOWED, "timeoutSeconds", "5"));
        Envelope<RecoveryCommand> e = envelope(c);

        topics.publish(Topics.COMMANDS, e);
        topics.publish(Topics.COMMANDS, e);
        List<Envelope<RecoveryResult>> out = results(topics, c.commandId(), 2);

        assertThat(out.get(0).data().status()).as(out.get(0).data().reason()).isEqualTo(Status.SUCCEEDED);
        assertThat(out.get(1).data()).isEqualTo(out.get(0).data());
        await().atMost(Duration.ofSeconds(30)).until(() -> TestContainers.starts(ALLOWED) >= 2);
        assertThat(TestContainers.starts(ALLOWED)).isEqualTo(2);
        assertThat(TestContainers.startedAt(ALLOWED)).isNotEqualTo(before);
        assertThat(TestContainers.running(ALLOWED)).isTrue();
        assertThat(ledger.find(c.commandId()).orElseThrow().state()).isEqualTo("SUCCEEDED");
        assertThat(ledger.find(c.commandId()).orElseThrow().reference()).startsWith("container " + ALLOWED + " ");
    }

    @Test
    void fails_non_recoverably_and_leaves_a_container_alone_that_is_not_allow_listed() {
        runAndAwaitStart(other, Map.of("revive.test.restart", "no"));
        String before = TestContainers.startedAt(other);
        RecoveryCommand c = signed("docker-restart", Map.of("container", other));

        topics.publish(Topics.COMMANDS, envelope(c));
        RecoveryResult r = result(topics, c.commandId());

        assertThat(r.status()).isEqualTo(Status.FAILED);
        assertThat(r.nonRecoverable()).isTrue();
        assertThat(r.reason()).startsWith("container '" + other + "' is not allow-listed");
        assertThat(TestContainers.startedAt(other)).isEqualTo(before);
        assertThat(TestContainers.starts(other)).isEqualTo(1);
    }

    @Test
    void fails_non_recoverably_naming_a_container_the_engine_does_not_have() {
        RecoveryCommand c = signed("docker-restart", Map.of("container", other));

        topics.publish(Topics.COMMANDS, envelope(c));
        RecoveryResult r = result(topics, c.commandId());

        assertThat(r.status()).isEqualTo(Status.FAILED);
        assertThat(r.nonRecoverable()).isTrue();
        assertThat(r.reason()).isEqualTo("container '" + other + "' not found on the Docker engine at " + RealDocker.socket());
    }
}
