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
 * empty. The command sees {@code REVIVE_COMMAND_ID} and {@code REVIVE_TARGET_ID} in its environment.
 */
@ApplicationScoped
public class ExecDriver implements Driver {

    private final Map<String, List<String>> commands;
    private final Optional<String> workingDirectory;
    private final Duration timeout;
    private final int maxOutputChars;

    @Inject
    public ExecDriver(ActuatorConfig config) {
        this(config.exec().commands(), config.exec().workingDirectory(), config.exec().timeout(), config.maxOutputChars());
    }

    public ExecDriver(Map<String, List<String>> commands, Optional<String> workingDirectory, Duration timeout,
            int maxOutputChars) {
        this.commands = Map.copyOf(commands);
        this.workingDirectory = workingDirectory;
        this.timeout = timeout;
        this.maxOutputChars = maxOutputChars;
    }

    @Override
    public Set<Action> actions() {
        return Set.of(Action.EXEC);
    }

    /** The configured command names (the validator rejects any other). */
    public Set<String> commandNames() {
        return commands.keySet();
    }

    @Override
    public Outcome run(RecoveryCommand command, ActionContext context) throws InterruptedException {
        String name = command.params().get("command");
        List<String> argv = commands.get(name);
        if (argv == null || argv.isEmpty()) {
            throw ActionFailedException.permanent("exec command '" + name + "' is not configured");
        }
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        workingDirectory.ifPresent(dir -> pb.directory(new File(dir)));
        pb.environment().put("REVIVE_COMMAND_ID", command.commandId());
        pb.environment().put("REVIVE_TARGET_ID", command.targetId());
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
                return Outcome.failed("'" + name + "' timed out after " + timeout + " and was killed", output.text());
            }
            reader.join(5000);
        } catch (InterruptedException e) {
            kill(process);
            throw e;
        }
        int exit = process.exitValue();
        String text = Output.truncate(output.text(), maxOutputChars);
        return exit == 0 ? Outcome.succeeded("exit code 0\n" + text)
                : Outcome.failed("'" + name + "' exited with code " + exit, text);
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
