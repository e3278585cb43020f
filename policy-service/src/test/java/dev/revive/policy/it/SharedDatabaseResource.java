package dev.revive.policy.it;

import java.util.Map;

import dev.revive.testkit.RealPostgres;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * One database kept across app restarts (two test profiles), to show what survives a restart. Its facts live in
 * system properties because each restart loads test classes afresh.
 */
public class SharedDatabaseResource implements QuarkusTestResourceLifecycleManager {

    private static final String KEY = "policytest.shared-db.";

    @Override
    public Map<String, String> start() {
        synchronized (System.class) {
            if (System.getProperty(KEY + "jdbc") == null) {
                var d = RealPostgres.newDatabase("policy_restart");
                System.setProperty(KEY + "reactive", d.reactiveUrl());
                System.setProperty(KEY + "jdbc", d.jdbcUrl());
                System.setProperty(KEY + "user", d.user());
                System.setProperty(KEY + "password", d.password());
            }
        }
        return Map.of("quarkus.datasource.reactive.url", System.getProperty(KEY + "reactive"),
                "quarkus.datasource.jdbc.url", System.getProperty(KEY + "jdbc"),
                "quarkus.datasource.username", System.getProperty(KEY + "user"),
                "quarkus.datasource.password", System.getProperty(KEY + "password"));
    }

    public static java.sql.Connection connect() throws java.sql.SQLException {
        return java.sql.DriverManager.getConnection(System.getProperty(KEY + "jdbc"), System.getProperty(KEY + "user"),
                System.getProperty(KEY + "password"));
    }

    @Override
    public void stop() {
    }
}
