package dev.revive.testkit;

import java.nio.file.Files;
import java.nio.file.Path;

/** Whether a Docker daemon answers, so that the test kit can use Testcontainers instead of its own launchers. */
final class Docker {

    private static Boolean available;

    private Docker() {
    }

    static synchronized boolean available() {
        if (available == null) {
            if ("false".equalsIgnoreCase(System.getenv("REVIVE_TESTKIT_DOCKER"))) {
                available = false;
            } else if (System.getenv("DOCKER_HOST") == null && !Files.exists(Path.of("/var/run/docker.sock"))) {
                // No socket at all: skip Testcontainers' own (slow, noisy) discovery.
                available = false;
            } else {
                try {
                    available = org.testcontainers.DockerClientFactory.instance().isDockerAvailable();
                } catch (Throwable t) {
                    available = false;
                }
            }
        }
        return available;
    }
}
