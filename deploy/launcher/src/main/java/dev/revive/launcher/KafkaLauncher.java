package dev.revive.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.utils.Time;

/**
 * Formats and starts a single-node KRaft Kafka broker (broker and controller in one process).
 *
 * <p>Arguments: {@code --data-dir DIR [--port N] [--sasl-port N [--admin-password-file F] [--viewer-password-file F]]
 * --controller-port N
 * [--host H] [--exit-on-stdin-eof]}. Prints {@code REVIVE-KAFKA-READY host:port} on stdout once the broker is up
 * (the SASL listener's address when it has no PLAINTEXT one). With
 * {@code --exit-on-stdin-eof} the process exits when its standard input closes, so a broker started by
 * a test JVM dies with it even when that JVM is killed.
 *
 * <p>Secure mode ({@code --sasl-port}): a {@code SASL_PLAINTEXT} listener with SCRAM-SHA-512, the KRaft
 * {@code StandardAuthorizer} and {@code allow.everyone.if.no.acl.found=false}, so a principal may do only what an
 * ACL allows; {@code User:admin} is the super user, its SCRAM password (from {@code --admin-password-file}) set when
 * the storage is formatted. The other users and their ACLs are created through the Admin API after start
 * ({@code dev.revive.common.bus.BusProvisioner}). Without {@code --port} the broker has only authenticated
 * listeners: the controller's uses SASL/PLAIN with the same admin password, the inter-broker one SCRAM as admin.
 * With {@code --port} as well (the test kit's broker) the PLAINTEXT listener stays and its ANONYMOUS principal is a
 * super user: a test that does not test security keeps working unchanged, and must never be exposed.
 * {@code --viewer-password-file} also enables SASL/PLAIN on the SASL listener for {@code viewer} (and {@code admin}):
 * kcat built on librdkafka before 2.6.1 cannot log in with SCRAM to a Kafka 4 broker.
 */
public final class KafkaLauncher {

    public static final String READY = "REVIVE-KAFKA-READY ";

    private KafkaLauncher() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = parse(args);
        Path dataDir = Path.of(require(opts, "--data-dir")).toAbsolutePath();
        String host = opts.getOrDefault("--host", "127.0.0.1");
        int port = opts.containsKey("--port") ? Integer.parseInt(opts.get("--port")) : -1;
        int saslPort = opts.containsKey("--sasl-port") ? Integer.parseInt(opts.get("--sasl-port")) : -1;
        int controllerPort = Integer.parseInt(require(opts, "--controller-port"));
        boolean exitOnEof = opts.containsKey("--exit-on-stdin-eof");
        String adminPassword = opts.containsKey("--admin-password-file")
                ? Files.readString(Path.of(opts.get("--admin-password-file"))).trim() : null;
        String viewerPassword = opts.containsKey("--viewer-password-file")
                ? Files.readString(Path.of(opts.get("--viewer-password-file"))).trim() : null;
        if (port < 0 && saslPort < 0) {
            throw new IllegalArgumentException("missing --port or --sasl-port");
        }
        if (port < 0 && adminPassword == null) {
            throw new IllegalArgumentException("a broker with only a SASL listener needs --admin-password-file");
        }
        Listeners listeners = new Listeners(host, port, saslPort, controllerPort, adminPassword, viewerPassword);

        Files.createDirectories(dataDir);
        Path logDir = dataDir.resolve("kraft-logs");
        Path config = dataDir.resolve("server.properties");
        Properties props = brokerProperties(listeners, logDir);
        Files.deleteIfExists(config);
        Files.createFile(config, ownerOnly());
        try (var out = Files.newBufferedWriter(config)) {
            props.store(out, "written by Revive's KafkaLauncher");
        }
        // A kept data dir (the local stack's state folder) is already formatted: formatting is only for a new one.
        if (!Files.exists(logDir.resolve("meta.properties"))) {
            var format = new java.util.ArrayList<>(List.of("format", "-t", clusterId(dataDir), "-c", config.toString(),
                "--standalone", "--ignore-formatted"));
            if (adminPassword != null) {
                format.addAll(List.of("--add-scram", "SCRAM-SHA-512=[name=" + ADMIN + ",password=" + adminPassword + "]"));
            }
            int rc = StorageTool.execute(format.toArray(String[]::new), System.err);
            if (rc != 0) {
                System.err.println("kafka storage format failed with " + rc);
                System.exit(2);
            }
            if (adminPassword != null) {
                // Tells a later start (and the local stack) that this storage knows the admin's SCRAM credential.
                Files.writeString(dataDir.resolve("scram-admin"), ADMIN + "\n");
            }
        }

        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.shutdown();
            server.awaitShutdown();
        }, "kafka-shutdown"));
        if (exitOnEof) {
            Thread watchdog = new Thread(() -> exitWhenStdinCloses(System.in), "stdin-watchdog");
            watchdog.setDaemon(true);
            watchdog.start();
        }
        server.startup();
        PrintStream stdout = System.out;
        stdout.println(READY + host + ":" + (port > 0 ? port : saslPort));
        stdout.flush();
        server.awaitShutdown();
    }

    /** The super user of a secure broker. */
    static final String ADMIN = "admin";

    /** The listeners: PLAINTEXT on {@code port} and/or SASL on {@code saslPort} (-1 for none), and the controller's. */
    record Listeners(String host, int port, int saslPort, int controllerPort, String adminPassword, String viewerPassword) {
        boolean secure() {
            return saslPort > 0;
        }

        boolean plaintext() {
            return port > 0;
        }
    }

    static Properties brokerProperties(String host, int port, int controllerPort, Path logDir) {
        return brokerProperties(new Listeners(host, port, -1, controllerPort, null, null), logDir);
    }

    static Properties brokerProperties(Listeners l, Path logDir) {
        String host = l.host();
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.bootstrap.servers", host + ":" + l.controllerPort());
        p.setProperty("controller.listener.names", "CONTROLLER");
        List<String> listeners = new java.util.ArrayList<>();
        List<String> advertised = new java.util.ArrayList<>();
        if (l.plaintext()) {
            listeners.add("PLAINTEXT://" + host + ":" + l.port());
            advertised.add("PLAINTEXT://" + host + ":" + l.port());
        }
        if (l.secure()) {
            listeners.add("SASL://" + host + ":" + l.saslPort());
            advertised.add("SASL://" + host + ":" + l.saslPort());
        }
        listeners.add("CONTROLLER://" + host + ":" + l.controllerPort());
        p.setProperty("listeners", String.join(",", listeners));
        p.setProperty("advertised.listeners", String.join(",", advertised));
        if (!l.secure()) {
            p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
            p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        } else {
            p.setProperty("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
            p.setProperty("allow.everyone.if.no.acl.found", "false");
            p.setProperty("listener.name.sasl.sasl.enabled.mechanisms", "SCRAM-SHA-512");
            if (l.viewerPassword() != null) {
                // kcat on librdkafka before 2.6.1 (Debian 12, Ubuntu 24.04) fails SCRAM against Kafka 4: the read-only
                // viewer (and admin, for the fault drill) may also log in with SASL/PLAIN, their passwords static here.
                // Their ACLs are the same whatever the mechanism.
                p.setProperty("listener.name.sasl.sasl.enabled.mechanisms", "SCRAM-SHA-512,PLAIN");
                p.setProperty("listener.name.sasl.plain.sasl.jaas.config",
                        "org.apache.kafka.common.security.plain.PlainLoginModule required user_viewer=\""
                                + l.viewerPassword() + "\"" + (l.adminPassword() == null ? ""
                                : " user_" + ADMIN + "=\"" + l.adminPassword() + "\"") + ";");
            }
            if (l.plaintext()) {
                // The test kit's broker: PLAINTEXT stays open for the tests that do not test security.
                p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,SASL:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT");
                p.setProperty("inter.broker.listener.name", "PLAINTEXT");
                p.setProperty("super.users", "User:" + ADMIN + ";User:ANONYMOUS");
                p.setProperty("listener.name.sasl.scram-sha-512.sasl.jaas.config",
                        "org.apache.kafka.common.security.scram.ScramLoginModule required;");
            } else {
                String pw = l.adminPassword();
                p.setProperty("listener.security.protocol.map", "SASL:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT");
                p.setProperty("inter.broker.listener.name", "SASL");
                p.setProperty("sasl.mechanism.inter.broker.protocol", "SCRAM-SHA-512");
                p.setProperty("listener.name.sasl.scram-sha-512.sasl.jaas.config",
                        "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + ADMIN
                                + "\" password=\"" + pw + "\";");
                // SCRAM credentials live in the metadata log, which the controller's own listener cannot wait for.
                p.setProperty("sasl.mechanism.controller.protocol", "PLAIN");
                p.setProperty("listener.name.controller.sasl.enabled.mechanisms", "PLAIN");
                p.setProperty("listener.name.controller.plain.sasl.jaas.config",
                        "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + ADMIN
                                + "\" password=\"" + pw + "\" user_" + ADMIN + "=\"" + pw + "\";");
                p.setProperty("super.users", "User:" + ADMIN);
            }
        }
        p.setProperty("log.dirs", logDir.toString());
        p.setProperty("num.partitions", "3");
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", "3");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        // A single test broker: no reason to make the first consumer group wait 3 s for more members.
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        p.setProperty("auto.create.topics.enable", "true");
        p.setProperty("log.flush.interval.messages", "9223372036854775807");
        return p;
    }

    private static java.nio.file.attribute.FileAttribute<?> ownerOnly() {
        // server.properties holds the admin password of a secure broker.
        return java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    }

    private static String clusterId(Path dataDir) throws IOException {
        // Stable per data dir, so a restarted local stack finds its own cluster again.
        Path idFile = dataDir.resolve("cluster.id");
        if (Files.exists(idFile)) {
            return Files.readString(idFile).trim();
        }
        String id = org.apache.kafka.common.Uuid.randomUuid().toString();
        Files.writeString(idFile, id);
        return id;
    }

    private static void exitWhenStdinCloses(InputStream in) {
        try {
            byte[] buf = new byte[256];
            while (in.read(buf) >= 0) {
                // keep reading: only end-of-stream matters
            }
        } catch (IOException e) {
            // the parent is gone either way
        }
        Runtime.getRuntime().halt(0);
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--exit-on-stdin-eof")) {
                m.put(a, "true");
            } else if (a.startsWith("--") && i + 1 < args.length) {
                m.put(a, args[++i]);
            } else {
                throw new IllegalArgumentException("unexpected argument: " + a);
            }
        }
        return m;
    }

    private static String require(Map<String, String> m, String key) {
        String v = m.get(key);
        if (v == null) {
            throw new IllegalArgumentException("missing " + key);
        }
        return v;
    }

    static UncheckedIOException unchecked(IOException e) {
        return new UncheckedIOException(e);
    }
}
