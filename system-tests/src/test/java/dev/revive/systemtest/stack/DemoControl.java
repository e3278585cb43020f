package dev.revive.systemtest.stack;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.revive.launcher.DemoServer;
import dev.revive.launcher.LauncherClasspath;

/**
 * Starts and stops the demo web server ({@link DemoServer}) of one stack, as {@code deploy/local/revive demo-start}
 * and {@code demo-stop} do for the local stack. The actuator's allow-listed {@code restart-demo} and
 * {@code stop-demo} commands run this class's {@code main}; the tests call the same methods directly. Every start
 * is counted in {@code demo/starts}, which is how a test sees how many times the demo was restarted.
 *
 * <p>{@code java -cp ... DemoControl start|stop --stack DIR --port N}. The demo runs detached (its output to
 * {@code logs/demo.log}, its pid in {@code pids/demo.pid}), so it outlives this command and the actuator.
 */
public final class DemoControl {

    private DemoControl() {
    }

    public static void main(String[] args) throws Exception {
        String verb = args.length > 0 ? args[0] : "";
        Path stack = null;
        int port = -1;
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--stack" -> stack = Path.of(args[++i]);
                case "--port" -> port = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unexpected argument: " + args[i]);
            }
        }
        if (stack == null) {
            throw new IllegalArgumentException("missing --stack");
        }
        StackDirs dirs = new StackDirs(stack);
        switch (verb) {
            case "start" -> {
                // Every restart-demo the actuator runs is counted, also one that finds the demo running: a second
                // execution of the same recovery step shows up here even when it started nothing.
                count(dirs.demo().resolve("restart-commands"));
                System.out.println(start(dirs, port));
            }
            case "stop" -> System.out.println(stop(dirs));
            default -> {
                System.err.println("usage: DemoControl start|stop --stack DIR [--port N]");
                System.exit(2);
            }
        }
    }

    /** Starts the demo unless it runs; waits until it listens. Returns what it did. */
    public static synchronized String start(StackDirs dirs, int port) throws IOException, InterruptedException {
        // Running means answering on its port: a live pid alone says nothing (a server that does not answer is
        // replaced, as deploy/local/revive demo-start does).
        Optional<ProcessHandle> running = running(dirs);
        if (answers(port)) {
            return "demo server already running (pid " + running.map(ProcessHandle::pid).orElse(-1L) + ")";
        }
        running.ifPresent(p -> {
            p.destroyForcibly();
            p.onExit().join();
        });
        Process p = new ProcessBuilder(List.of(LauncherClasspath.javaExecutable(), "-Xmx64m", "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-Xshare:auto", "-cp", LauncherClasspath.codeSource().toString(),
                DemoServer.class.getName(), "--port", Integer.toString(port)))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectError(ProcessBuilder.Redirect.appendTo(dirs.logs().resolve("demo.log").toFile()))
                .start();
        Files.writeString(dirs.pids().resolve("demo.pid"), Long.toString(p.pid()));
        // Its standard output is a pipe read until the ready line (the restart's latency is part of the benchmark's
        // figures); the server prints nothing after it, so closing the pipe when this command exits is harmless.
        CompletableFuture<Boolean> ready = CompletableFuture.supplyAsync(() -> {
            try (var lines = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null;) {
                    if (line.startsWith(DemoServer.READY)) {
                        return true;
                    }
                }
                return false;
            } catch (IOException e) {
                return false;
            }
        });
        boolean up;
        try {
            up = ready.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            up = false;
        }
        if (!up) {
            p.destroyForcibly();
            throw new IllegalStateException("the demo server did not start: "
                    + ChildProcess.tail(dirs.logs().resolve("demo.log")));
        }
        int n = count(dirs.demo().resolve("starts"));
        return "demo server started on port " + port + " (pid " + p.pid() + ", start #" + n + ")";
    }

    /** kill -9 of the demo server; a stopped demo is not an error. */
    public static synchronized String stop(StackDirs dirs) throws IOException {
        Optional<ProcessHandle> running = running(dirs);
        Files.deleteIfExists(dirs.pids().resolve("demo.pid"));
        if (running.isEmpty()) {
            return "demo server not running";
        }
        running.get().destroyForcibly();
        running.get().onExit().join();
        return "killed the demo server (pid " + running.get().pid() + ")";
    }

    /** How many times the demo server was started in this stack. */
    public static int starts(StackDirs dirs) throws IOException {
        return read(dirs.demo().resolve("starts"));
    }

    /** How many times the actuator ran restart-demo in this stack. */
    public static int restartCommands(StackDirs dirs) throws IOException {
        return read(dirs.demo().resolve("restart-commands"));
    }

    private static int read(Path f) throws IOException {
        return Files.exists(f) ? Integer.parseInt(Files.readString(f).trim()) : 0;
    }

    /** Adds one to a counter file, under a file lock: the test JVM and a restart-demo may count at once. */
    private static int count(Path f) throws IOException {
        try (FileChannel ch = FileChannel.open(f.resolveSibling(f.getFileName() + ".lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock lock = ch.lock()) {
            int n = read(f) + 1;
            Files.writeString(f, Integer.toString(n));
            return n;
        }
    }

    static boolean answers(int port) {
        try {
            var c = (java.net.HttpURLConnection) java.net.URI.create("http://127.0.0.1:" + port + "/health").toURL()
                    .openConnection();
            c.setConnectTimeout(1000);
            c.setReadTimeout(1000);
            try {
                return c.getResponseCode() == 200;
            } finally {
                c.disconnect();
            }
        } catch (IOException e) {
            return false;
        }
    }

    static Optional<ProcessHandle> running(StackDirs dirs) throws IOException {
        Path pid = dirs.pids().resolve("demo.pid");
        if (!Files.exists(pid)) {
            return Optional.empty();
        }
        return ProcessHandle.of(Long.parseLong(Files.readString(pid).trim())).filter(ProcessHandle::isAlive);
    }
}
