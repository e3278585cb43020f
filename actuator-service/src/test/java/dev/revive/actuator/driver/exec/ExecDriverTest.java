package dev.revive.actuator.driver.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.revive.actuator.driver.ActionContext;
import dev.revive.actuator.driver.Outcome;
import dev.revive.common.contract.RecoveryCommand;

/** The exec driver against real processes. */
class ExecDriverTest {

    @TempDir
    Path dir;

    static RecoveryCommand exec(String name) {
        return new RecoveryCommand("cmd-exec-1", "inc-1", "web-1", 1, "exec", Map.of("command", name), null, null, null, null);
    }

    ExecDriver driver(Map<String, List<String>> commands, Duration timeout, int maxChars) {
        return new ExecDriver(commands, Optional.of(dir.toString()), timeout, maxChars);
    }

    @Test
    void runs_the_configured_argv_and_captures_exit_code_and_output() throws Exception {
        Outcome o = driver(Map.of("hello", List.of("/bin/sh", "-c", "echo out; echo err >&2; echo $REVIVE_TARGET_ID")),
                Duration.ofSeconds(20), 1000).run(exec("hello"), ActionContext.NONE);

        assertThat(o.succeeded()).isTrue();
        assertThat(o.output()).contains("exit code 0", "out", "err", "web-1");
    }

    @Test
    void passes_arguments_without_a_shell() throws Exception {
        Path marker = dir.resolve("marker");
        Outcome o = driver(Map.of("touch", List.of("/usr/bin/touch", marker + "; echo injected")), Duration.ofSeconds(20), 1000)
                .run(exec("touch"), ActionContext.NONE);

        assertThat(o.succeeded()).isTrue();
        assertThat(dir.resolve("marker; echo injected")).exists();
        assertThat(marker).doesNotExist();
    }

    @Test
    void kills_a_command_that_overruns_its_timeout() throws Exception {
        Path after = dir.resolve("after");
        Outcome o = driver(Map.of("slow", List.of("/bin/sh", "-c", "sleep 30; touch " + after)), Duration.ofMillis(300), 1000)
                .run(exec("slow"), ActionContext.NONE);

        assertThat(o.succeeded()).isFalse();
        assertThat(o.reason()).contains("timed out");
        assertThat(ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains("touch " + after)))
                .isEmpty();
    }

    @Test
    void truncates_long_output() throws Exception {
        Outcome o = driver(Map.of("chatty", List.of("/bin/sh", "-c", "yes revive | head -n 100000")), Duration.ofSeconds(20), 100)
                .run(exec("chatty"), ActionContext.NONE);

        assertThat(o.succeeded()).isTrue();
        assertThat(o.output().length()).isLessThan(600);
        assertThat(o.output()).contains("truncated");
    }

    @Test
    void reports_a_missing_program_as_non_recoverable() throws Exception {
        var e = org.assertj.core.api.Assertions.catchThrowableOfType(
                dev.revive.actuator.driver.ActionFailedException.class,
                () -> driver(Map.of("gone", List.of(dir.resolve("no-such-program").toString())), Duration.ofSeconds(5), 100)
                        .run(exec("gone"), ActionContext.NONE));

        assertThat(e.nonRecoverable()).isTrue();
        assertThat(Files.exists(dir.resolve("no-such-program"))).isFalse();
    }
}
