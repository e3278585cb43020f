package dev.revive.prober.assignment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.revive.common.contract.TargetSpec;
import dev.revive.common.envelope.Envelope;
import dev.revive.common.topic.Topics;
import dev.revive.prober.probe.Probes;
import dev.revive.prober.publish.KafkaProducers;
import dev.revive.testkit.RealKafka;
import dev.revive.testkit.TestTopics;

/** Sharding and takeover with two real consumers of one location's group, on the real broker. */
class TwoProbersInOneGroupIT {

    /** The targets an instance would probe now, by id. */
    static final class Owned implements TargetSink {
        final Map<String, Integer> targets = new ConcurrentHashMap<>();

        @Override
        public void upsert(TargetSpec spec, int partition) {
            targets.put(spec.id(), partition);
        }

        @Override
        public void remove(String targetId) {
            targets.remove(targetId);
        }

        @Override
        public void removePartition(int partition) {
            targets.values().removeIf(p -> p == partition);
        }

        Set<String> ids(String prefix) {
            return targets.keySet().stream().filter(k -> k.startsWith(prefix)).collect(Collectors.toSet());
        }
    }

    private final TestTopics topics = TestTopics.shared();
    private KafkaProducer<String, byte[]> producer;
    private String prefix;
    private String location;

    @BeforeEach
    void setUp() {
        producer = KafkaProducers.create(RealKafka.bootstrapServers(), "test-dlq");
        String run = UUID.randomUUID().toString().substring(0, 8);
        prefix = "split-" + run + "-";
        location = "split-" + run;
    }

    @AfterEach
    void tearDown() {
        producer.close();
    }

    private TargetAssignment prober(String name, Owned owned) {
        var a = new TargetAssignment(new AssignmentSettings(RealKafka.bootstrapServers(), location, name, 6_000, 1_000), owned, producer);
        a.start();
        return a;
    }

    private Set<String> publishTargets(int n) {
        Set<String> ids = IntStream.range(0, n).mapToObj(i -> prefix + i).collect(Collectors.toSet());
        for (String id : ids) {
            TargetSpec t = Probes.target(id, Probes.http("http://127.0.0.1:9/", 1_000, 60_000));
            topics.publish(Topics.TARGETS, Envelope.of(t, "/revive/test", id));
        }
        return ids;
    }

    @Test
    void two_probers_split_the_targets_and_the_survivor_takes_over_when_one_stops() {
        Set<String> all = publishTargets(24);
        Owned a = new Owned();
        Owned b = new Owned();
        TargetAssignment pa = prober("a", a);
        TargetAssignment pb = prober("b", b);
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> !a.ids(prefix).isEmpty() && !b.ids(prefix).isEmpty()
                    && a.ids(prefix).size() + b.ids(prefix).size() == all.size());
            assertThat(a.ids(prefix)).doesNotContainAnyElementsOf(b.ids(prefix));
            Set<String> union = new java.util.HashSet<>(a.ids(prefix));
            union.addAll(b.ids(prefix));
            assertThat(union).isEqualTo(all);

            long t0 = System.nanoTime();
            pa.close();
            await().atMost(Duration.ofSeconds(60)).until(() -> b.ids(prefix).equals(all));
            long takeoverMs = (System.nanoTime() - t0) / 1_000_000;
            System.out.printf("[revive-prober] takeover after a graceful stop: %d ms (24 targets, 6 partitions)%n", takeoverMs);
            assertThat(a.ids(prefix)).as("the stopped prober probes nothing").isEmpty();
        } finally {
            pa.close();
            pb.close();
        }
    }

    @Test
    void a_crashed_prober_s_targets_move_to_the_survivor_once_its_session_times_out() throws Exception {
        Set<String> all = publishTargets(24);
        Owned a = new Owned();
        Owned b = new Owned();
        TargetAssignment pa = prober("a", a);
        TargetAssignment pb = prober("b", b);
        String group = "revive-prober-" + location;
        try (Admin admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, RealKafka.bootstrapServers()))) {
            await().atMost(Duration.ofSeconds(60)).until(() -> !a.ids(prefix).isEmpty() && !b.ids(prefix).isEmpty()
                    && a.ids(prefix).size() + b.ids(prefix).size() == all.size());

            long t0 = System.nanoTime();
            pa.crash();
            // A crash sends no LeaveGroup: right after it the coordinator still counts the dead member (until its session
            // times out, 6 s after its last heartbeat), which is what makes this a crash and not a graceful stop.
            var members = admin.describeConsumerGroups(List.of(group)).describedGroups().get(group).get().members();
            assertThat(members).extracting(m -> m.clientId()).contains("revive-prober-a", "revive-prober-b");
            assertThat(a.ids(prefix)).as("the crashed prober probes nothing").isEmpty();

            await().atMost(Duration.ofSeconds(60)).until(() -> b.ids(prefix).equals(all));
            long takeoverMs = (System.nanoTime() - t0) / 1_000_000;
            System.out.printf("[revive-prober] takeover after a crash (no LeaveGroup, session.timeout.ms 6000): %d ms "
                    + "(24 targets, 6 partitions)%n", takeoverMs);
        } finally {
            pa.close();
            pb.close();
        }
    }

    @Test
    void a_killed_prober_process_s_targets_move_to_the_survivor_once_its_session_times_out() throws Exception {
        Set<String> all = publishTargets(24);
        String javaBin = java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(javaBin, "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                ProberProcess.class.getName(), RealKafka.bootstrapServers(), location, "victim", prefix).redirectErrorStream(true).start();
        java.util.concurrent.atomic.AtomicInteger childOwns = new java.util.concurrent.atomic.AtomicInteger();
        Thread reader = new Thread(() -> {
            try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(child.getInputStream()))) {
                for (String line; (line = in.readLine()) != null;) {
                    if (line.startsWith("OWNS ")) {
                        childOwns.set(Integer.parseInt(line.substring(5).trim()));
                    } else {
                        System.out.println("[prober-process] " + line);
                    }
                }
            } catch (java.io.IOException e) {
                // the child is gone
            }
        }, "prober-process-output");
        reader.setDaemon(true);
        reader.start();
        Owned b = new Owned();
        TargetAssignment pb = prober("survivor", b);
        String group = "revive-prober-" + location;
        try (Admin admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, RealKafka.bootstrapServers()))) {
            await().atMost(Duration.ofSeconds(60)).until(() -> childOwns.get() > 0 && !b.ids(prefix).isEmpty()
                    && childOwns.get() + b.ids(prefix).size() == all.size());

            long t0 = System.nanoTime();
            child.destroyForcibly(); // SIGKILL
            child.waitFor();
            var members = admin.describeConsumerGroups(List.of(group)).describedGroups().get(group).get().members();
            assertThat(members).extracting(m -> m.clientId()).as("a killed process never said goodbye")
                    .contains("revive-prober-victim");

            await().atMost(Duration.ofSeconds(60)).until(() -> b.ids(prefix).equals(all));
            long takeoverMs = (System.nanoTime() - t0) / 1_000_000;
            System.out.printf("[revive-prober] takeover after SIGKILL of a prober process (session.timeout.ms 6000): %d ms "
                    + "(24 targets, 6 partitions)%n", takeoverMs);
        } finally {
            child.destroyForcibly();
            pb.close();
        }
    }

    @Test
    void a_new_prober_rebuilds_its_targets_from_the_start_of_its_partitions_without_deleted_ones() {
        Set<String> all = publishTargets(6);
        String deleted = prefix + "0";
        topics.tombstone(Topics.TARGETS, deleted);
        Owned a = new Owned();
        TargetAssignment pa = prober("late", a);
        try {
            Set<String> expected = new java.util.HashSet<>(all);
            expected.remove(deleted);
            await().atMost(Duration.ofSeconds(60)).until(() -> a.ids(prefix).equals(expected));
        } finally {
            pa.close();
        }
        assertThat(a.ids(prefix)).isEmpty();
    }
}
