package dev.revive.systemtest.stack;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One process the stack started: its standard output goes to {@code <name>.out} and its standard error to
 * {@code <name>.log} in the logs folder, its pid to {@code pids/<name>.pid} (the {@link Reaper} kills what is listed
 * there if the test JVM dies). Standard input stays a pipe to this JVM: the launchers started with
 * {@code --exit-on-stdin-eof} exit when it closes.
 */
public final class ChildProcess {

    private final String name;
    private final Process process;
    private final Path out;
    private final Path err;
    private final Path pidFile;

    private ChildProcess(String name, Process process, Path out, Path err, Path pidFile) {
        this.name = name;
        this.process = process;
        this.out = out;
        this.err = err;
        this.pidFile = pidFile;
    }

    /** Starts {@code command} with exactly the environment {@code env} (nothing inherited). */
    static ChildProcess start(String name, List<String> command, Map<String, String> env, StackDirs dirs) {
        Path out = dirs.logs().resolve(name + ".out");
        Path err = dirs.logs().resolve(name + ".log");
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile()))
                .redirectError(ProcessBuilder.Redirect.appendTo(err.toFile()));
        pb.environment().clear();
        pb.environment().putAll(env);
        try {
            long offset = Files.exists(out) ? Files.size(out) : 0;
            Process p = pb.start();
            Path pidFile = dirs.pids().resolve(name + ".pid");
            Files.writeString(pidFile, Long.toString(p.pid()));
            ChildProcess child = new ChildProcess(name, p, out, err, pidFile);
            child.readyOffset = offset;
            return child;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + command, e);
        }
    }

    private long readyOffset;

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process.isAlive();
    }

    public Path log() {
        return err;
    }

    /** Waits until this start of the process printed a line beginning with {@code prefix} on standard output. */
    void awaitLine(String prefix, Duration timeout) {
        await(name + " printing " + prefix.trim()).atMost(timeout).pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException(name + " exited with " + process.exitValue() + " while starting:\n"
                                + tail(err));
                    }
                    return printed(prefix);
                });
    }

    private boolean printed(String prefix) throws IOException {
        byte[] all = Files.readAllBytes(out);
        String since = new String(all, (int) Math.min(readyOffset, all.length), (int) (all.length - Math.min(readyOffset, all.length)),
                StandardCharsets.UTF_8);
        return since.lines().anyMatch(l -> l.startsWith(prefix));
    }

    /**
     * {@code kill -9} of the process alone, as {@code kill -9 <pid>} does: a command it runs (the actuator's exec of
     * restart-demo) lives on. Returns once it is gone.
     */
    public void kill9() {
        process.destroyForcibly();
        waitGone(Duration.ofSeconds(30));
    }

    /** SIGTERM, then SIGKILL after {@code grace}; descendants that outlive it are killed too. */
    public void stop(Duration grace) {
        List<ProcessHandle> descendants = process.descendants().toList();
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        waitGone(Duration.ofSeconds(30));
    }

    private void waitGone(Duration timeout) {
        try {
            process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            // the reaper finds a dead pid and skips it
        }
    }

    static String tail(Path file) {
        try {
            if (!Files.exists(file)) {
                return "";
            }
            String s = Files.readString(file, StandardCharsets.UTF_8);
            return s.length() <= 4000 ? s : s.substring(s.length() - 4000);
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }
}
