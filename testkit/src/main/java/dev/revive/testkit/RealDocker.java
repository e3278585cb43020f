package dev.revive.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Docker engine for tests, on a private socket ({@code REVIVE_DOCKER_SOCKET}, default
 * {@value #DEFAULT_SOCKET}), with the tiny image {@value #IMAGE} (busybox from the Debian registry, built with
 * {@code docker import}: nothing is pulled). When nothing answers on the socket, {@code deploy/docker/test-engine/engine
 * up} starts Debian's dockerd there (as root) and this JVM stops it again at exit; an engine that was already running
 * is left alone. A test calls {@link #available()} first and skips with {@link #why()} when it is false; with
 * {@code REVIVE_REQUIRE_DOCKER=1} (CI) it throws instead.
 */
public final class RealDocker {

    public static final String DEFAULT_SOCKET = "/run/revive-docker/docker.sock";
    public static final String IMAGE = "revive/busybox:test";
    private static final String SCRIPT = "deploy/docker/test-engine/engine";

    private static Boolean available;
    private static String why = "not checked yet";

    private RealDocker() {
    }

    public static Path socket() {
        String s = System.getenv("REVIVE_DOCKER_SOCKET");
        return Path.of(s == null || s.isBlank() ? DEFAULT_SOCKET : s);
    }

    /** True when an engine answers on the socket (started here if need be) and the test image is there. */
    public static synchronized boolean available() {
        if (available == null) {
            available = prepare();
            if (!available) {
                System.out.println("[revive-testkit] no Docker engine: " + why);
            }
        }
        if (!available && "1".equals(System.getenv("REVIVE_REQUIRE_DOCKER"))) {
            throw new IllegalStateException(why + " (REVIVE_REQUIRE_DOCKER=1)");
        }
        return available;
    }

    public static synchronized String why() {
        return why;
    }

    private static boolean prepare() {
        Path script = findScript();
        if (script == null) {
            why = "no " + SCRIPT + " above " + Path.of("").toAbsolutePath();
            return false;
        }
        long t0 = System.nanoTime();
        Result up = exec(List.of(script.toString(), "up"), 120);
        if (up.exit != 0) {
            why = "the engine did not come up on " + socket() + ": " + up.out.strip();
            return false;
        }
        if (up.out.contains("started")) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> exec(List.of(script.toString(), "down"), 60)));
        }
        Result image = exec(List.of(script.toString(), "image"), 300);
        if (image.exit != 0) {
            why = "cannot build " + IMAGE + ": " + image.out.strip();
            return false;
        }
        System.out.printf("[revive-testkit] Docker engine on %s (%s), %s, ready in %d ms%n", socket(), up.out.strip(),
                image.out.strip(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
        why = "available";
        return true;
    }

    /** Runs the docker CLI against the private engine and returns its standard output; throws when it fails. */
    public static String docker(String... args) {
        List<String> argv = new ArrayList<>(List.of("docker", "-H", "unix://" + socket()));
        argv.addAll(List.of(args));
        Result r = exec(argv, 120);
        if (r.exit != 0) {
            throw new IllegalStateException(String.join(" ", argv) + " exited with " + r.exit + ": " + r.out.strip());
        }
        return r.out.strip();
    }

    /** The docker CLI's exit code only (for checks that may fail, e.g. whether a container exists). */
    public static int dockerExit(String... args) {
        List<String> argv = new ArrayList<>(List.of("docker", "-H", "unix://" + socket()));
        argv.addAll(List.of(args));
        return exec(argv, 120).exit;
    }

    private static Path findScript() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path p = dir.resolve(SCRIPT);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    private record Result(int exit, String out) {
    }

    private static Result exec(List<String> argv, int timeoutSeconds) {
        try {
            Path out = Files.createTempFile("revive-docker-", ".out");
            try {
                Process p = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(out.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
                if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    return new Result(-1, String.join(" ", argv) + " did not finish within " + timeoutSeconds + " s");
                }
                return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            return new Result(-1, "cannot run " + argv.get(0) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted");
        }
    }
}
