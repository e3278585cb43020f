package dev.revive.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.utils.Time;

/**
 * Formats and starts a single-node KRaft Kafka broker (broker and controller in one process).
 *
 * <p>Arguments: {@code --data-dir DIR --port N --controller-port N [--host H] [--exit-on-stdin-eof]}.
 * Prints {@code REVIVE-KAFKA-READY host:port} on stdout once the broker is up. With
 * {@code --exit-on-stdin-eof} the process exits when its standard input closes, so a broker started by
 * a test JVM dies with it even when that JVM is killed.
 */
public final class KafkaLauncher {

    public static final String READY = "REVIVE-KAFKA-READY ";

    private KafkaLauncher() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = parse(args);
        Path dataDir = Path.of(require(opts, "--data-dir")).toAbsolutePath();
        String host = opts.getOrDefault("--host", "127.0.0.1");
        int port = Integer.parseInt(require(opts, "--port"));
        int controllerPort = Integer.parseInt(require(opts, "--controller-port"));
        boolean exitOnEof = opts.containsKey("--exit-on-stdin-eof");

        Files.createDirectories(dataDir);
        Path logDir = dataDir.resolve("kraft-logs");
        Path config = dataDir.resolve("server.properties");
        Properties props = brokerProperties(host, port, controllerPort, logDir);
        try (var out = Files.newBufferedWriter(config)) {
            props.store(out, "written by Revive's KafkaLauncher");
        }
        // A kept data dir (the local stack's state folder) is already formatted: formatting is only for a new one.
        if (!Files.exists(logDir.resolve("meta.properties"))) {
            int rc = StorageTool.execute(new String[] {"format", "-t", clusterId(dataDir), "-c", config.toString(),
                "--standalone", "--ignore-formatted"}, System.err);
            if (rc != 0) {
                System.err.println("kafka storage format failed with " + rc);
                System.exit(2);
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
        stdout.println(READY + host + ":" + port);
        stdout.flush();
        server.awaitShutdown();
    }

    static Properties brokerProperties(String host, int port, int controllerPort, Path logDir) {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.bootstrap.servers", host + ":" + controllerPort);
        p.setProperty("listeners", "PLAINTEXT://" + host + ":" + port + ",CONTROLLER://" + host + ":" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://" + host + ":" + port);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
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
