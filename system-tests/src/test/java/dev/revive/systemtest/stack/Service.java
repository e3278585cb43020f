package dev.revive.systemtest.stack;

import java.nio.file.Path;
import java.util.Locale;

/** The four services, each run from its built {@code <name>-service/target/quarkus-app/quarkus-run.jar}. */
public enum Service {
    PROBER, POLICY, ACTUATOR, NOTIFIER;

    /** {@code prober}, {@code policy}, ...: the process name, and the middle of its env vars' names. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The service's database (the prober has none). */
    public String database() {
        return this == PROBER ? null : "revive_" + id();
    }

    Path runJar(Path repo) {
        return repo.resolve(id() + "-service").resolve("target").resolve("quarkus-app").resolve("quarkus-run.jar");
    }
}
