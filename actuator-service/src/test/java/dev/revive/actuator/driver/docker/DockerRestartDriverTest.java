package dev.revive.actuator.driver.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.revive.actuator.driver.ActionContext;
import dev.revive.actuator.driver.ActionFailedException;
import dev.revive.common.contract.RecoveryCommand;

/** What the driver does without an engine; the real engine is in DockerRestartDriverIT. */
class DockerRestartDriverTest {

    @TempDir
    Path dir;

    @Test
    void reports_a_missing_socket_as_non_recoverable_and_names_it() {
        Path socket = dir.resolve("docker.sock");
        var driver = new DockerRestartDriver(socket, new DockerAllowList(List.of("web"), List.of()), "v1.41",
                Duration.ofSeconds(5), 10, Duration.ofSeconds(5), Duration.ofMillis(100));
        var c = new RecoveryCommand("cmd-1", "inc-1", "web-1", 1, "docker-restart", Map.of("container", "web"), null, null,
                null, null);

        ActionFailedException e = catchThrowableOfType(ActionFailedException.class, () -> driver.run(c, ActionContext.NONE));

        assertThat(e.nonRecoverable()).isTrue();
        assertThat(e.getMessage()).isEqualTo("no Docker engine socket at " + socket
                + " (mount it, or set revive.actuator.docker.socket)");
    }

    @Test
    void is_not_resumable_because_a_second_restart_is_a_second_outage() {
        var driver = new DockerRestartDriver(dir.resolve("s"), new DockerAllowList(List.of(), List.of()), "v1.41",
                Duration.ofSeconds(5), 10, Duration.ofSeconds(5), Duration.ofMillis(100));

        assertThat(driver.resumable(new RecoveryCommand("cmd-1", "inc-1", "web-1", 1, "docker-restart",
                Map.of("container", "web"), java.time.Instant.now(), null, null, null))).isFalse();
    }
}
