package dev.revive.policy.it;

import java.util.Map;

import dev.revive.testkit.RealPostgres;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** One database kept across app restarts (two test profiles), to show what survives a restart. */
public class SharedDatabaseResource implements QuarkusTestResourceLifecycleManager {

    private static RealPostgres.Database db;

    public static synchronized RealPostgres.Database database() {
        if (db == null) {
            db = RealPostgres.newDatabase("policy_restart");
        }
        return db;
    }

    @Override
    public Map<String, String> start() {
        var d = database();
        return Map.of("quarkus.datasource.reactive.url", d.reactiveUrl(), "quarkus.datasource.jdbc.url", d.jdbcUrl(),
                "quarkus.datasource.username", d.user(), "quarkus.datasource.password", d.password());
    }

    @Override
    public void stop() {
    }
}
