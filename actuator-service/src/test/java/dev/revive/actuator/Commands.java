package dev.revive.actuator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.revive.common.contract.RecoveryCommand;
import dev.revive.common.contract.RecoveryResult;
import dev.revive.common.envelope.Envelope;
import dev.revive.common.signing.CommandSigner;
import dev.revive.common.topic.Topics;
import dev.revive.testkit.TestTopics;

/** Builds signed commands the way the policy service does, publishes them and reads their results. */
public final class Commands {

    /** The %test key of application.properties. */
    public static final CommandSigner SIGNER = CommandSigner.fromConfig(
            "test:revive-test-only-signing-key-0123456789abcdef", "test", Clock.systemUTC());

    /** Where src/test/resources/exec/count.sh counts its runs, one file per command id. */
    public static final Path COUNTS = Path.of("target/exec-counts");

    private Commands() {
    }

    public static RecoveryCommand unsigned(String action, Map<String, String> params) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String id = "cmd-" + UUID.randomUUID();
        return new RecoveryCommand(id, "inc-" + UUID.randomUUID(), "target-" + UUID.randomUUID(), 1, action, params,
                now, now.plus(Duration.ofMinutes(5)), null, null);
    }

    public static RecoveryCommand signed(String action, Map<String, String> params) {
        return SIGNER.sign(unsigned(action, params));
    }

    public static Envelope<RecoveryCommand> envelope(RecoveryCommand c) {
        return Envelope.of(UUID.randomUUID().toString(), c, "/revive/policy/test", c.targetId(), Instant.now());
    }

    public static List<Envelope<RecoveryResult>> results(TestTopics topics, String commandId, int count) {
        return topics.await(Topics.COMMAND_RESULTS, RecoveryResult.class, r -> commandId.equals(r.commandId()), count,
                Duration.ofSeconds(60));
    }

    public static RecoveryResult result(TestTopics topics, String commandId) {
        return results(topics, commandId, 1).get(0).data();
    }

    /** How many times count.sh ran for a command. */
    public static int executions(String commandId) {
        Path f = COUNTS.resolve(commandId);
        try {
            return Files.exists(f) ? Files.readAllLines(f).size() : 0;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
