package dev.revive.testkit;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server for tests, one per test JVM; each caller gets a fresh database on it.
 * Where it comes from, in order: {@code REVIVE_TEST_DATABASE_URL} (a {@code jdbc:postgresql://host:port/db} URL,
 * with {@code REVIVE_TEST_DATABASE_USER}/{@code _PASSWORD}) → a Testcontainers PostgreSQL when a Docker daemon
 * answers → the zonky embedded server (real PostgreSQL binaries shipped in a jar).
 */
public final class RealPostgres {

    /** Connection facts of one test database. */
    public record Database(String host, int port, String name, String user, String password) {
        public String jdbcUrl() {
            return "jdbc:postgresql://" + host + ":" + port + "/" + name;
        }

        /** The Vert.x reactive client's URL form, as Quarkus's {@code quarkus.datasource.reactive.url} takes it. */
        public String reactiveUrl() {
            return "postgresql://" + host + ":" + port + "/" + name;
        }
    }

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static Database server;
    private static EmbeddedPostgres embedded;

    private RealPostgres() {
    }

    /** A new, empty database on the shared server. */
    public static synchronized Database newDatabase(String prefix) {
        Database admin = server();
        String name = (prefix.replaceAll("[^a-z0-9_]", "_") + "_" + COUNTER.incrementAndGet() + "_" + ProcessHandle.current().pid())
                .toLowerCase();
        try (Connection c = DriverManager.getConnection(admin.jdbcUrl(), admin.user(), admin.password());
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name, e);
        }
        return new Database(admin.host(), admin.port(), name, admin.user(), admin.password());
    }

    private static Database server() {
        if (server == null) {
            long t0 = System.nanoTime();
            String origin;
            String url = System.getenv("REVIVE_TEST_DATABASE_URL");
            if (url != null && !url.isBlank()) {
                var u = java.net.URI.create(url.replaceFirst("^jdbc:", ""));
                server = new Database(u.getHost(), u.getPort() < 0 ? 5432 : u.getPort(), u.getPath().substring(1),
                        env("REVIVE_TEST_DATABASE_USER", "postgres"), env("REVIVE_TEST_DATABASE_PASSWORD", "postgres"));
                origin = "REVIVE_TEST_DATABASE_URL";
            } else if (Docker.available()) {
                var pg = new org.testcontainers.postgresql.PostgreSQLContainer("postgres:17-alpine");
                pg.start();
                Runtime.getRuntime().addShutdownHook(new Thread(pg::stop));
                server = new Database(pg.getHost(), pg.getFirstMappedPort(), pg.getDatabaseName(), pg.getUsername(),
                        pg.getPassword());
                origin = "Testcontainers";
            } else {
                try {
                    embedded = EmbeddedPostgres.builder().start();
                } catch (IOException e) {
                    throw new IllegalStateException("cannot start embedded PostgreSQL", e);
                }
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        embedded.close();
                    } catch (IOException e) {
                        // the JVM is going away anyway
                    }
                }));
                server = new Database("127.0.0.1", embedded.getPort(), "postgres", "postgres", "postgres");
                origin = "embedded (zonky, PostgreSQL 17)";
            }
            System.out.printf("[revive-testkit] PostgreSQL at %s:%d from %s, ready in %d ms%n", server.host(),
                    server.port(), origin, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
        }
        return server;
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
