package dev.revive.actuator.docker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.revive.testkit.RealDocker;

/**
 * Containers of the test image on the test kit's real engine. Each one appends a line to {@code starts} in a host
 * folder every time it starts, so a test counts real starts; it stops at once on SIGTERM.
 */
public final class TestContainers {

    private static final Path STARTS = Path.of("target/docker-starts").toAbsolutePath();

    private TestContainers() {
    }

    /** Runs a fresh container of that name (an old one of the name is removed first). */
    public static void run(String name, Map<String, String> labels) {
        remove(name);
        Path dir = STARTS.resolve(name);
        try {
            Files.createDirectories(dir);
            Files.deleteIfExists(dir.resolve("starts"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        List<String> args = new ArrayList<>(List.of("run", "-d", "--name", name, "--network", "none",
                "-v", dir + ":/data"));
        labels.forEach((k, v) -> args.addAll(List.of("--label", k + "=" + v)));
        args.addAll(List.of(RealDocker.IMAGE, "sh", "-c",
                "echo started >> /data/starts; trap 'exit 0' TERM; sleep 3600 & wait"));
        RealDocker.docker(args.toArray(String[]::new));
    }

    public static void remove(String name) {
        if (RealDocker.dockerExit("inspect", "--type", "container", name) == 0) {
            RealDocker.docker("rm", "-f", name);
        }
    }

    /** How many times the container started (its own count, in the bind-mounted folder). */
    public static int starts(String name) {
        Path f = STARTS.resolve(name).resolve("starts");
        try {
            return Files.exists(f) ? Files.readAllLines(f).size() : 0;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String startedAt(String name) {
        return RealDocker.docker("inspect", "-f", "{{.State.StartedAt}}", name);
    }

    public static boolean running(String name) {
        return Boolean.parseBoolean(RealDocker.docker("inspect", "-f", "{{.State.Running}}", name));
    }
}
