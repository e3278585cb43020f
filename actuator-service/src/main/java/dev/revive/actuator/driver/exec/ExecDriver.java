package dev.revive.actuator.driver.exec;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.revive.actuator.config.ActuatorConfig;
import dev.revive.actuator.config.Secrets;
import dev.revive.actuator.driver.ActionContext;
import dev.revive.actuator.driver.ActionFailedException;
import dev.revive.actuator.driver.Driver;
import dev.revive.actuator.driver.Output;
import dev.revive.actuator.driver.Outcome;
import dev.revive.common.contract.Action;
import dev.revive.common.contract.RecoveryCommand;

/**
 * Runs an allow-listed local command, chosen by name from configuration, as an argument list (no shell, so no
 * parameter can ever become part of a command line). Standard error is merged into the output; standard input is
 * empty. The command runs with an environment built from nothing ({@link ExecEnvironment}), never the actuator's
 * own. Its output is published: it is bounded, cleaned of control characters, and any of the actuator's secret
 * values in it is replaced by {@value Secrets#REDACTED}.
 */
@ApplicationScoped
public class ExecDriver implements Driver {

    private final Map<String, ExecCommand> commands;
    private final ExecEnvironment environment;
    private final Optional<String> workingDirectory;
    private final Duration timeout;
    private final int maxOutputChars;
    private final Secrets secrets;

    @Inject
    public ExecDriver(ActuatorConfig config, ExecAllowList allowList, Secrets secrets) {
        this(allowList.commands(), new ExecEnvironment(config.exec().path(), config.exec().inheritEnv().orElse(List.of()), System.getenv()),
                config.exec().workingDirectory(), config.exec().timeout(), config.maxOutputChars(), secrets);
    }

    public ExecDriver(Map<String, ExecCommand> commands, ExecEnvironment environment, Optional<String> workingDirectory,
            Duration timeout, int maxOutputChars, Secrets secrets) {
        this.commands = Map.copyOf(commands);
        this.environment = environment;
        this.workingDirectory = workingDirectory;
        this.timeout = timeout;
        this.maxOutputChars = maxOutputChars;
        this.secrets = secrets;
    }

    /** Plain argv lists, the minimal environment and no secrets to redact (tests). */
    public static ExecDriver of(Map<String, List<String>> argvs, Optional<String> workingDirectory, Duration timeout,
            int maxOutputChars) {
        Map<String, ExecCommand> commands = new java.util.HashMap<>();
        argvs.forEach((name, argv) -> commands.put(name, ExecCommand.of(name, argv)));
        return new ExecDriver(commands, ExecEnvironment.minimal(), workingDirectory, timeout, maxOutputChars, Secrets.none());
    }

    @Override
    public Set<Action> actions() {
        return Set.of(Action.EXEC);
    }

    /** The configured command names (the validator rejects any other). */
    public Set<String> commandNames() {
        return commands.keySet();
    }

    /** The configured commands by name. */
    public Map<String, ExecCommand> commands() {
        return commands;
    }

    @Override
    public Outcome run(RecoveryCommand command, ActionContext context) throws InterruptedException {
        String name = command.params().get("command");
        ExecCommand configured = commands.get(name);
        if (configured == null || configured.argv().isEmpty()) {
            throw ActionFailedException.permanent("exec command '" + name + "' is not configured");
        }
        List<String> argv = configured.argv();
        Duration timeout = configured.timeout().orElse(this.timeout);
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        workingDirectory.ifPresent(dir -> pb.directory(new File(dir)));
        pb.environment().clear();
        pb.environment().putAll(environment.build(configured, command.commandId(), command.targetId(), command.params()));
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw ActionFailedException.permanent("cannot start '" + name + "' (" + argv.get(0) + "): " + e.getMessage());
        }
        context.reference("pid " + process.pid());
        OutputCollector output = new OutputCollector(process.getInputStream(), maxOutputChars);
        Thread reader = Thread.ofVirtual().name("exec-output-" + process.pid()).start(output);
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(process);
                reader.join(1000);
                return Outcome.failed("'" + name + "' timed out after " + timeout + " and was killed", published(output.text()));
            }
            reader.join(5000);
        } catch (InterruptedException e) {
            kill(process);
            throw e;
        }
        int exit = process.exitValue();
        String text = published(output.text());
        return exit == 0 ? Outcome.succeeded("exit code 0\n" + text)
                : Outcome.failed("'" + name + "' exited with code " + exit, text);
    }

    /** Redacted before it is cut, so that a secret is never left half-visible at the cut. */
    private String published(String raw) {
        return Output.truncate(secrets.redact(raw), maxOutputChars);
    }

    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /** Drains the output so that a chatty command never blocks on a full pipe, keeping only the head. */
    private static final class OutputCollector implements Runnable {
        private final InputStream in;
        private final int maxBytes;
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private long dropped;

        OutputCollector(InputStream in, int maxChars) {
            this.in = in;
            this.maxBytes = maxChars * 4;
        }

        @Override
        public void run() {
            byte[] buf = new byte[8192];
            try (in) {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    synchronized (this) {
                        int room = Math.max(0, maxBytes - kept.size());
                        kept.write(buf, 0, Math.min(room, n));
                        dropped += n - Math.min(room, n);
                    }
                }
            } catch (IOException e) {
                // the process was killed; what was read is kept
            }
        }

        synchronized String text() {
            String s = kept.toString(StandardCharsets.UTF_8);
            return dropped == 0 ? s : s + "\n[... " + dropped + " more bytes truncated]";
        }
    }
}
