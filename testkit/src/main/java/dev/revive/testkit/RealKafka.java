package dev.revive.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.AdminClientConfig;

import dev.revive.common.topic.TopicProvisioner;
import dev.revive.launcher.LauncherClasspath;

/**
 * A real Kafka broker for tests, one per test JVM, with Revive's topics (and their dead-letter topics) created.
 * Where it comes from, in order: {@code KAFKA_BOOTSTRAP_SERVERS} → a Testcontainers {@code KafkaContainer} when a
 * Docker daemon answers → a KRaft broker from the Kafka 4.4 jars in a child JVM (which exits when this JVM does,
 * even on kill -9, because it watches its standard input).
 */
public final class RealKafka {

    /**
     * System property: {@code true} runs the child broker with the full JIT (C2), as a production broker runs.
     * Benchmarks set it; tests keep C1 only, which starts the broker sooner.
     */
    public static final String FULL_JIT = "testkit.kafka.fullJit";
    /** Extra JVM options for the child broker, space-separated. */
    public static final String JVM_ARGS = "testkit.kafka.jvmArgs";

    private static String bootstrap;
    private static String origin;
    private static Process child;
    private static Object container;

    private RealKafka() {
    }

    /** The bootstrap servers of the broker, starting it on first use. */
    public static synchronized String bootstrapServers() {
        if (bootstrap == null) {
            long t0 = System.nanoTime();
            String env = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
            if (env != null && !env.isBlank()) {
                bootstrap = env;
                origin = "KAFKA_BOOTSTRAP_SERVERS";
            } else if (Docker.available()) {
                bootstrap = startContainer();
                origin = "Testcontainers";
            } else {
                bootstrap = startChild();
                origin = "child JVM (KRaft, kafka_2.13 4.4.0)";
            }
            createTopics(bootstrap);
            System.out.printf("[revive-testkit] Kafka at %s from %s, ready in %d ms%n", bootstrap, origin,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
        }
        return bootstrap;
    }

    /** Admin client properties for this broker. */
    public static Properties adminProperties() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return p;
    }

    private static String startContainer() {
        var kafka = new org.testcontainers.kafka.KafkaContainer("apache/kafka:4.1.1");
        kafka.start();
        container = kafka;
        Runtime.getRuntime().addShutdownHook(new Thread(kafka::stop));
        return kafka.getBootstrapServers();
    }

    private static String startChild() {
        try {
            int port = freePort();
            int controllerPort = freePort();
            Path dir = Files.createTempDirectory("revive-kafka-");
            Path log = dir.resolve("broker.log");
            List<String> cmd = new ArrayList<>(List.of(LauncherClasspath.javaExecutable()));
            if (Boolean.getBoolean(FULL_JIT)) {
                // As a production broker runs (kafka-run-class.sh's KAFKA_HEAP_OPTS and KAFKA_JVM_PERFORMANCE_OPTS):
                // the serial collector's 40 ms young pauses showed up in the benchmarks' latency tails.
                cmd.addAll(List.of("-Xms1g", "-Xmx1g", "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20",
                        "-XX:InitiatingHeapOccupancyPercent=35", "-XX:+ExplicitGCInvokesConcurrent"));
            } else {
                // Tests: a small heap and C1 only, so the broker is ready sooner (it serves slower).
                cmd.addAll(List.of("-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
            }
            // -Dtestkit.kafka.jvmArgs="-Xlog:gc:file=/tmp/broker-gc.log" and the like, to look into the broker.
            String extra = System.getProperty(JVM_ARGS, "").trim();
            if (!extra.isEmpty()) {
                cmd.addAll(List.of(extra.split("\\s+")));
            }
            cmd.addAll(List.of("-cp", LauncherClasspath.classpath(), "dev.revive.launcher.KafkaLauncher",
                    "--data-dir", dir.toString(), "--port", Integer.toString(port),
                    "--controller-port", Integer.toString(controllerPort), "--exit-on-stdin-eof"));
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(log.toFile());
            child = pb.start();
            Runtime.getRuntime().addShutdownHook(new Thread(RealKafka::stopChild, "revive-kafka-stop"));
            String ready = awaitLine(child, "REVIVE-KAFKA-READY ", Duration.ofSeconds(120), log);
            return ready.substring("REVIVE-KAFKA-READY ".length()).trim();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the Kafka broker", e);
        }
    }

    private static void stopChild() {
        if (child != null && child.isAlive()) {
            child.destroy();
            try {
                if (!child.waitFor(20, TimeUnit.SECONDS)) {
                    child.destroyForcibly();
                }
            } catch (InterruptedException e) {
                child.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    static String awaitLine(Process p, String prefix, Duration timeout, Path log) throws IOException {
        var reader = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + timeout.toNanos();
        var result = new java.util.concurrent.CompletableFuture<String>();
        Thread t = new Thread(() -> {
            try {
                String line;
                while ((line = reader.readLine()) != null) {
                    if (line.startsWith(prefix)) {
                        result.complete(line);
                    }
                }
                result.completeExceptionally(new IOException("process exited before it was ready"));
            } catch (IOException e) {
                result.completeExceptionally(e);
            }
        }, "revive-testkit-stdout");
        t.setDaemon(true);
        t.start();
        try {
            return result.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (Exception e) {
            String tail = Files.exists(log) ? tail(Files.readString(log)) : "";
            p.destroyForcibly();
            throw new IllegalStateException("not ready: " + e + "\n" + tail, e);
        }
    }

    private static String tail(String s) {
        return s.length() <= 4000 ? s : s.substring(s.length() - 4000);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    /** Creates every Revive topic and its dead-letter topic (existing ones are kept). */
    public static void createTopics(String bootstrapServers) {
        TopicProvisioner.createMissing(bootstrapServers, (short) 1);
    }
}
