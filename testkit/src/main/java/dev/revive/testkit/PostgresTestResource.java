package dev.revive.testkit;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Gives a {@code @QuarkusTest} a fresh database on the real PostgreSQL server, as both the reactive URL (Hibernate
 * Reactive, Vert.x client) and the JDBC URL (Flyway migrations).
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    private String prefix = "revive";

    @Override
    public void init(Map<String, String> initArgs) {
        prefix = initArgs.getOrDefault("database", prefix);
    }

    @Override
    public Map<String, String> start() {
        RealPostgres.Database db = RealPostgres.newDatabase(prefix);
        return Map.of(
                "quarkus.datasource.reactive.url", db.reactiveUrl(),
                "quarkus.datasource.jdbc.url", db.jdbcUrl(),
                "quarkus.datasource.username", db.user(),
                "quarkus.datasource.password", db.password());
    }

    @Override
    public void stop() {
        // The database is left for post-mortem inspection; the server goes with the JVM.
    }
}
