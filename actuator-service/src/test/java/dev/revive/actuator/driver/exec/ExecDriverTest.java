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

import dev.revive.actuator.config.Secrets;
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
        return ExecDriver.of(commands, Optional.of(dir.toString()), timeout, maxChars);
    }

    /** A driver whose actuator has a secret (as config and in its environment) and passes one variable on. */
    ExecDriver driverWithSecrets(Map<String, ExecCommand> commands, Map<String, String> actuatorEnv) {
        Secrets secrets = Secrets.from(List.of("revive.signing.keys"),
                name -> Optional.of("test:fake-signing-secret-0123456789abcdef"), actuatorEnv);
        return new ExecDriver(commands, new ExecEnvironment(ExecEnvironment.DEFAULT_PATH, List.of("REVIVE_STATE_DIR"), actuatorEnv),
                Optional.of(dir.toString()), Duration.ofSeconds(20), 4000, secrets);
    }

    @Test
    void runs_with_a_minimal_environment_never_the_actuators_own() throws Exception {
        Map<String, String> actuatorEnv = Map.of("REVIVE_SIGNING_KEYS", "test:fake-signing-secret-0123456789abcdef",
                "AWS_SECRET_ACCESS_KEY", "fake-aws-secret-access-key-xyz", "REVIVE_STATE_DIR", "/tmp/state");
        var env = ExecCommand.of("env", List.of("/usr/bin/env"));
        Outcome o = driverWithSecrets(Map.of("env", new ExecCommand("env", env.argv(), Map.of("GREETING", "hello"),
                Optional.empty(), List.of())), actuatorEnv).run(exec("env"), ActionContext.NONE);

        assertThat(o.succeeded()).isTrue();
        assertThat(o.output()).contains("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "LANG=C.UTF-8",
                "GREETING=hello", "REVIVE_STATE_DIR=/tmp/state", "REVIVE_TARGET_ID=web-1", "REVIVE_COMMAND_ID=cmd-exec-1");
        assertThat(o.output()).doesNotContain("fake-signing-secret", "fake-aws-secret", "REVIVE_SIGNING_KEYS", "AWS_SECRET_ACCESS_KEY");
        // Nor anything of the process that runs this test (its HOME, USER, JAVA_HOME ...).
        for (String name : System.getenv().keySet()) {
            if (!name.equals("PATH") && !name.equals("LANG")) {
                assertThat(o.output()).doesNotContain("\n" + name + "=");
            }
        }
    }

    @Test
    void redacts_the_actuators_secret_values_from_published_output() throws Exception {
        Map<String, String> actuatorEnv = Map.of("REVIVE_NOTIFIER_WEBHOOK_SECRET", "fake-webhook-secret-42");
        var leak = ExecCommand.of("leak", List.of("/bin/sh", "-c",
                "echo key=fake-signing-secret-0123456789abcdef; echo hook=fake-webhook-secret-42"));
        Outcome o = driverWithSecrets(Map.of("leak", leak), actuatorEnv).run(exec("leak"), ActionContext.NONE);

        assertThat(o.output()).contains("key=[redacted]", "hook=[redacted]").doesNotContain("fake-signing-secret", "fake-webhook");
    }

    @Test
    void cleans_nul_and_escape_characters_from_the_output() throws Exception {
        Outcome o = driver(Map.of("nul", List.of("/bin/sh", "-c", "printf 'a\\000b\\033[31mc\\td\\n'")), Duration.ofSeconds(20), 1000)
                .run(exec("nul"), ActionContext.NONE);

        assertThat(o.succeeded()).isTrue();
        assertThat(o.output()).contains("ab[31mc\td").doesNotContain("\u0000", "\u001b");
    }

    @Test
    void passes_declared_step_parameters_as_variables_and_uses_the_commands_own_timeout() throws Exception {
        var echo = new ExecCommand("echo-unit", List.of("/bin/sh", "-c", "echo unit=$REVIVE_PARAM_UNIT_NAME; sleep 30"), Map.of(),
                Optional.of(Duration.ofMillis(500)), List.of("unitName"));
        var c = new RecoveryCommand("cmd-exec-2", "inc-1", "web-1", 1, "exec", Map.of("command", "echo-unit", "unitName", "nginx"),
                null, null, null, null);
        Outcome o = driverWithSecrets(Map.of("echo-unit", echo), Map.of()).run(c, ActionContext.NONE);

        assertThat(o.succeeded()).isFalse();
        assertThat(o.reason()).contains("timed out after PT0.5S");
        assertThat(o.output()).contains("unit=nginx");
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
