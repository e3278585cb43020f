package dev.revive.systemtest.stack;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.revive.launcher.LauncherClasspath;

/**
 * How the stack's child processes are configured: ports, secrets, and each service's environment and JVM options,
 * as {@code deploy/local/revive} configures the local stack. The one place to change when a service gains a
 * required setting.
 */
public final class StackConfig {

    public static final String HOST = "127.0.0.1";
    public static final String ADMIN_EMAIL = "admin@localhost";

    private final Path repo;
    private final StackDirs dirs;
    private final int kafkaPort;
    private final int kafkaControllerPort;
    private final int postgresPort;
    private final int smtpPort;
    private final int demoPort;
    private final Map<Service, Integer> httpPorts = new EnumMap<>(Service.class);
    private final String adminApiKey;
    private final String signingKeys;
    private final String linkSecret;
    private final String webhookSecret;
    private final boolean fullJit;

    StackConfig(Path repo, StackDirs dirs, boolean fullJit) {
        this.repo = repo;
        this.dirs = dirs;
        this.fullJit = fullJit;
        this.kafkaPort = freePort();
        this.kafkaControllerPort = freePort();
        this.postgresPort = freePort();
        this.smtpPort = freePort();
        this.demoPort = freePort();
        for (Service s : Service.values()) {
            httpPorts.put(s, freePort());
        }
        // Generated per stack, never written to the repository (deploy/local/revive's secrets.env).
        this.adminApiKey = random(24).replaceAll("[^A-Za-z0-9]", "");
        this.signingKeys = "local:base64:" + random(32);
        this.linkSecret = random(32);
        this.webhookSecret = random(32);
    }

    /**
     * The whole environment of one service: nothing of the test JVM's is inherited (a KAFKA_BOOTSTRAP_SERVERS or
     * REVIVE_* of the caller must not leak in), and each service gets only the secrets it needs, as
     * {@code deploy/local/revive} does.
     */
    public Map<String, String> environment(Service s) {
        String up = s.name();
        Map<String, String> env = new LinkedHashMap<>(baseEnvironment());
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrap());
        env.put("REVIVE_HTTP_HOST", HOST);
        env.put("REVIVE_" + up + "_HTTP_PORT", Integer.toString(httpPort(s)));
        if (s.database() != null) {
            env.put("REVIVE_DB_USER", "postgres");
            env.put("REVIVE_DB_PASSWORD", "postgres");
            env.put("REVIVE_" + up + "_DB_REACTIVE_URL", "postgresql://" + HOST + ":" + postgresPort + "/" + s.database());
            env.put("REVIVE_" + up + "_DB_JDBC_URL", jdbcUrl(s));
        }
        env.put("REVIVE_PROBER_LOCATION", "local");
        env.put("REVIVE_PUBLIC_URL", policyUrl());
        switch (s) {
            case PROBER -> {
                // The demo target listens on loopback; the prober refuses loopback addresses unless told.
                env.put("REVIVE_PROBER_ALLOW_LOOPBACK", "true");
                env.put("REVIVE_API_KEYS", sha256(adminApiKey) + ":admin");
            }
            case POLICY -> {
                env.put("REVIVE_SIGNING_KEYS", signingKeys);
                env.put("REVIVE_SIGNING_ACTIVE_KEY_ID", "local");
                env.put("REVIVE_LINK_SECRET", linkSecret);
                // Stored hashed, as the policy keeps every API key; the tests send it on every call.
                env.put("REVIVE_API_KEYS", sha256(adminApiKey) + ":admin");
                env.put("REVIVE_NOTIFY_DEFAULT_RECIPIENTS", "EMAIL:" + ADMIN_EMAIL);
                env.put("REVIVE_TARGETS_ALLOW_LOOPBACK", "true");
            }
            case ACTUATOR -> {
                // It checks the policy's signature on every command (HMAC: the same keys).
                env.put("REVIVE_SIGNING_KEYS", signingKeys);
                // The demo's step-1 restart and a stop-target drill's stop: allow-listed argument lists, no shell.
                env.put("REVIVE_EXEC_RESTART_DEMO", String.join(",", demoControl("start")));
                env.put("REVIVE_EXEC_STOP_DEMO", String.join(",", demoControl("stop")));
            }
            case NOTIFIER -> {
                env.put("REVIVE_NOTIFIER_WEBHOOK_SECRET", webhookSecret);
                env.put("QUARKUS_MAILER_HOST", HOST);
                env.put("QUARKUS_MAILER_PORT", Integer.toString(smtpPort));
                env.put("QUARKUS_MAILER_FROM", "revive@localhost");
                // Storm control would fold back-to-back incidents' emails into digests; the tests count single emails.
                env.put("REVIVE_NOTIFIER_STORM_PER_TARGET", "100000");
                env.put("REVIVE_NOTIFIER_STORM_GLOBAL", "100000");
            }
        }
        return env;
    }

    /** What every process of the stack gets, and nothing else: the launchers, the reaper and the demo no secret. */
    public Map<String, String> baseEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        env.put("HOME", System.getProperty("user.home"));
        env.put("LANG", "C.UTF-8");
        env.put("JAVA_HOME", System.getProperty("java.home"));
        return env;
    }

    /** The command line of one service. */
    public List<String> command(Service s) {
        List<String> cmd = new ArrayList<>(List.of(LauncherClasspath.javaExecutable(), "-Xmx384m", "-Xshare:auto"));
        if (!fullJit) {
            // Tests: C1 only, so the four JVMs start sooner on a small machine; the benchmark runs the full JIT.
            cmd.add("-XX:TieredStopAtLevel=1");
        }
        cmd.addAll(List.of("-jar", s.runJar(repo).toString()));
        return cmd;
    }

    /** The argument list the actuator runs for the demo's restart-demo ("start") and stop-demo ("stop"). */
    List<String> demoControl(String verb) {
        String cp = codeSource(DemoControl.class) + File.pathSeparator + LauncherClasspath.codeSource();
        return List.of(LauncherClasspath.javaExecutable(), "-Xmx32m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Xshare:auto", "-cp", cp, DemoControl.class.getName(), verb, "--stack", dirs.root().toString(),
                "--port", Integer.toString(demoPort));
    }

    List<String> launcher(String mainClass, String heap, String... args) {
        List<String> cmd = new ArrayList<>(List.of(LauncherClasspath.javaExecutable(), heap, "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-cp", LauncherClasspath.classpath(), mainClass));
        cmd.addAll(List.of(args));
        return cmd;
    }

    List<String> reaper() {
        return List.of(LauncherClasspath.javaExecutable(), "-Xmx16m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Xshare:auto", "-cp", codeSource(Reaper.class).toString(), Reaper.class.getName(), "--stack",
                dirs.root().toString());
    }

    public String kafkaBootstrap() {
        return HOST + ":" + kafkaPort;
    }

    public int kafkaPort() {
        return kafkaPort;
    }

    public int kafkaControllerPort() {
        return kafkaControllerPort;
    }

    public int postgresPort() {
        return postgresPort;
    }

    public int smtpPort() {
        return smtpPort;
    }

    public int demoPort() {
        return demoPort;
    }

    public int httpPort(Service s) {
        return httpPorts.get(s);
    }

    public String policyUrl() {
        return "http://" + HOST + ":" + httpPort(Service.POLICY);
    }

    public String serviceUrl(Service s) {
        return "http://" + HOST + ":" + httpPort(s);
    }

    public String demoUrl() {
        return "http://" + HOST + ":" + demoPort;
    }

    public String jdbcUrl(Service s) {
        return "jdbc:postgresql://" + HOST + ":" + postgresPort + "/" + s.database();
    }

    public String adminApiKey() {
        return adminApiKey;
    }

    /** Every port the stack listens on (checked free again when it is closed). */
    public List<Integer> ports() {
        List<Integer> ports = new ArrayList<>(List.of(kafkaPort, kafkaControllerPort, postgresPort, smtpPort, demoPort));
        ports.addAll(httpPorts.values());
        return ports;
    }

    private static Path codeSource(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        new SecureRandom().nextBytes(b);
        return Base64.getEncoder().encodeToString(b);
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
