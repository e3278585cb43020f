package dev.revive.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Starts a real PostgreSQL server (the binaries ship inside the zonky jar) on a fixed loopback port with a kept
 * data directory, and creates the given databases if they are missing.
 *
 * <p>Arguments: {@code --data-dir DIR --port N [--databases a,b,c] [--exit-on-stdin-eof]}. Prints
 * {@code REVIVE-POSTGRES-READY port} once it accepts connections; stops the server on exit.
 */
public final class PostgresLauncher {

    public static final String READY = "REVIVE-POSTGRES-READY ";

    private PostgresLauncher() {
    }

    public static void main(String[] args) throws Exception {
        Path dataDir = null;
        int port = 5432;
        String databases = "";
        boolean exitOnEof = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--data-dir" -> dataDir = Path.of(args[++i]).toAbsolutePath();
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--databases" -> databases = args[++i];
                case "--exit-on-stdin-eof" -> exitOnEof = true;
                default -> throw new IllegalArgumentException("unexpected argument: " + args[i]);
            }
        }
        if (dataDir == null) {
            throw new IllegalArgumentException("missing --data-dir");
        }
        Files.createDirectories(dataDir);
        EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir.resolve("pgdata"))
                .setCleanDataDirectory(false)
                .setPort(port)
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                pg.close();
            } catch (IOException e) {
                System.err.println("postgres shutdown: " + e.getMessage());
            }
        }, "postgres-shutdown"));
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            for (String db : databases.split(",")) {
                String name = db.trim();
                if (name.isEmpty()) {
                    continue;
                }
                if (!name.matches("[a-z_][a-z0-9_]*")) {
                    throw new IllegalArgumentException("bad database name " + name);
                }
                try (ResultSet r = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'")) {
                    if (!r.next()) {
                        s.execute("CREATE DATABASE " + name);
                    }
                }
            }
        }
        System.out.println(READY + port);
        System.out.flush();
        if (exitOnEof) {
            InputStream in = System.in;
            byte[] buf = new byte[256];
            while (in.read(buf) >= 0) {
                // only end-of-stream matters
            }
            System.exit(0);
        }
        Thread.currentThread().join();
    }
}
