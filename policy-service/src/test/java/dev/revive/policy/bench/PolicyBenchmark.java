package dev.revive.policy.bench;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.revive.common.contract.IncidentEvent;
import dev.revive.common.contract.RecoveryCommand;
import dev.revive.common.contract.Severity;
import dev.revive.common.contract.TargetSpec;
import dev.revive.common.envelope.Json;
import dev.revive.common.messaging.EnvelopeMessages;
import dev.revive.common.topic.Topics;
import dev.revive.policy.db.Transactions;
import dev.revive.policy.incident.store.EventStore;
import dev.revive.policy.it.Fixtures;
import dev.revive.policy.it.PolicyTestProfile;
import dev.revive.testkit.RealKafka;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;

/**
 * Benchmark harness, not a behaviour test: prints figures, asserts nothing about them. Run with
 * {@code ./mvnw -B -o -pl policy-service verify -Pbench -Dtest=PolicyBenchmark}; add
 * {@code -Dpolicy.jvm.extra=-Dbench.kafka.sasl=true} to run it on the broker's SASL/SCRAM listener with ACLs, the
 * service as its Kafka user {@code policy}, the harness's producer as {@code prober} and its reader as {@code viewer}.
 */
@Tag("bench")
@QuarkusTest
@TestProfile(PolicyBenchmark.Profile.class)
class PolicyBenchmark {

    static final boolean SASL = Boolean.getBoolean("bench.kafka.sasl");

    /** {@link PolicyTestProfile}, or with {@code bench.kafka.sasl} the secure listener as the Kafka user policy. */
    public static class Profile extends PolicyTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            if (!SASL) {
                return super.testResources();
            }
            return List.of(new TestResourceEntry(dev.revive.testkit.SecureKafkaTestResource.class, java.util.Map.of("user", "policy")),
                    new TestResourceEntry(dev.revive.testkit.PostgresTestResource.class, java.util.Map.of("database", "policy")));
        }
    }

    /** Where the harness's own clients connect: PLAINTEXT, or the SASL listener as {@code user}. */
    static Properties client(String user) {
        return SASL ? RealKafka.secure().as(user).properties()
                : dev.revive.common.bus.KafkaConnection.plaintext(RealKafka.bootstrapServers()).properties();
    }

    @Inject
    KafkaClientService kafka;
    @Inject
    MeterRegistry metrics;

    /** @param lingerMs 5 to fill batches for throughput; 0 for latency, so a record's timestamp is its time on the topic */
    static KafkaProducer<String, byte[]> producer(int lingerMs) {
        Properties p = client("prober");
        p.put(ProducerConfig.LINGER_MS_CONFIG, Integer.toString(lingerMs));
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    static void register(TargetSpec t) throws Exception {
        given().header("Authorization", Fixtures.OPERATOR).contentType(ContentType.JSON).body(Json.MAPPER.writeValueAsString(t))
                .when().put("/targets/" + t.id()).then().statusCode(200);
    }

    double consumed() {
        return metrics.counter("revive.health.consumed").count();
    }

    @Test
    void health_events_per_second_without_transitions() throws Exception {
        int targets = 50;
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < targets; i++) {
            TargetSpec t = Fixtures.target("bench-steady-" + i, 300, 3);
            register(t);
            ids.add(t.id());
        }
        try (var producer = producer(5)) {
            // Every target's first verdict (UNKNOWN -> UP) looks up its incident once.
            double before = consumed();
            for (String id : ids) {
                for (int k = 0; k < 2; k++) {
                    producer.send(EnvelopeMessages.toRecord(Topics.HEALTH, Fixtures.probe(id, true)));
                }
            }
            producer.flush();
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> consumed() >= before + 2 * targets);
            // Warm-up rounds let the JIT compile the consumer path; the figure is the steady state that follows.
            for (int round = 1; round <= 3; round++) {
                drain(producer, ids, 200_000, "warm-up " + round);
            }
            drain(producer, ids, 600_000, "measured");
        }
    }

    /**
     * Pauses the health consumer, puts {@code n} UP results on the topic, resumes it and times how long the one
     * instance takes to consume them all: the producer's cost is outside the measured window.
     */
    private void drain(KafkaProducer<String, byte[]> producer, List<String> ids, int n, String label) throws Exception {
        kafka.getConsumer("health").pause().await().atMost(Duration.ofSeconds(10));
        double start = consumed();
        for (int i = 0; i < n; i++) {
            producer.send(EnvelopeMessages.toRecord(Topics.HEALTH, Fixtures.probe(ids.get(i % ids.size()), true)));
        }
        producer.flush();
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        kafka.getConsumer("health").resume().await().atMost(Duration.ofSeconds(10));
        Awaitility.await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(20)).until(() -> consumed() >= start + n);
        double secs = (System.nanoTime() - t0) / 1e9;
        double cpuSecs = (os.getProcessCpuTime() - cpu0) / 1e9;
        // The wall figure swings with whatever else runs on the machine (the broker shares its 2 cores); CPU seconds
        // of this JVM (consumer, app, GC, JIT and the harness's own polling) per record swing much less.
        System.out.printf("[bench] health events/s (no transitions, one instance, %s, %d records, %d targets): %.0f wall, "
                + "%.0f per CPU-second of the JVM (%.1f CPU-s in %.1f s)%n", label, n, ids.size(), n / secs, n / cpuSecs,
                cpuSecs, secs);
    }

    @Test
    void latency_from_a_failed_probe_result_to_its_recovery_command() throws Exception {
        // The first ones warm the JIT, the connection pools and PostgreSQL's caches: a decision runs a few hundred
        // methods only once per outage, so 200 warm-up samples left C2 still compiling (on the same 2 cores) during
        // the measured ones. -Dpolicy.jvm.extra=-Dbench.latency.warmup=N (and .samples) to change them.
        int warmup = Integer.getInteger("bench.latency.warmup", 1_000);
        int n = warmup + Integer.getInteger("bench.latency.samples", 1_000);
        List<Long> micros = new ArrayList<>();
        Properties p = client("viewer");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // linger 0: with the former 5 ms linger every sample also counted the harness's own producer waiting.
        try (var producer = producer(0); var consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = consumer.partitionsFor(Topics.COMMANDS).stream()
                    .map(i -> new TopicPartition(Topics.COMMANDS, i.partition())).toList();
            consumer.assign(parts);
            consumer.seekToEnd(parts);
            parts.forEach(consumer::position);
            String run = Fixtures.uniqueId("lat");
            for (int i = 0; i < n; i++) {
                register(Fixtures.target(run + "-" + i, 0, 1));
            }
            for (int i = 0; i < n; i++) {
                String id = run + "-" + i;
                RecordMetadata sent = producer.send(EnvelopeMessages.toRecord(Topics.HEALTH, Fixtures.probe(id, false))).get();
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                Long cmdTs = null;
                while (cmdTs == null && System.nanoTime() < deadline) {
                    for (var r : consumer.poll(Duration.ofMillis(5))) {
                        RecoveryCommand c = EnvelopeMessages.fromRecord(r, RecoveryCommand.class).data();
                        if (c.targetId().equals(id)) {
                            cmdTs = r.timestamp();
                        }
                    }
                }
                if (cmdTs == null) {
                    throw new AssertionError("no command for " + id);
                }
                if (i >= warmup) {
                    micros.add((cmdTs - sent.timestamp()) * 1000);
                }
            }
        }
        Collections.sort(micros);
        System.out.printf("[bench] failed ProbeResult -> RecoveryCommand (grace 0, threshold 1, %d samples, record timestamps): "
                + "p50 %d ms, p99 %d ms, max %d ms%n", micros.size(), pct(micros, 50) / 1000, pct(micros, 99) / 1000,
                micros.get(micros.size() - 1) / 1000);

        var rebuilt = given().header("Authorization", Fixtures.ADMIN).when().post("/admin/projections/rebuild").then()
                .statusCode(200).extract().jsonPath();
        long events = rebuilt.getLong("events");
        long millis = Math.max(1, rebuilt.getLong("millis"));
        System.out.printf("[bench] projection rebuild: %d events of %d incidents in %d ms = %.0f events/s%n", events,
                rebuilt.getLong("incidents"), millis, events * 1000.0 / millis);
    }

    @Inject
    Transactions tx;
    @Inject
    EventStore store;

    /**
     * Incident event appends/s through the event store (Hibernate Reactive, one transaction per append of 2 events at
     * an expected version, as a decision appends them), with {@code concurrency} transactions in flight, each on its
     * own stream. Counts events and transactions.
     */
    @Test
    void incident_event_appends_per_second() {
        for (int round = 1; round <= 2; round++) {
            appends(2_000, 16, "warm-up " + round);
        }
        appends(20_000, 16, "measured");
    }

    private void appends(int transactions, int concurrency, String label) {
        String run = Fixtures.uniqueId("append");
        long t0 = System.nanoTime();
        List<Uni<Void>> workers = new ArrayList<>();
        for (int w = 0; w < concurrency; w++) {
            List<Integer> mine = IntStream.range(0, transactions).filter(i -> i % concurrency == 0).boxed().toList();
            int offset = w;
            workers.add(Multi.createFrom().iterable(mine).onItem().transformToUniAndConcatenate(base -> {
                int i = base + offset;
                String stream = run + "-" + i;
                Instant at = Instant.now();
                List<IncidentEvent> events = List.of(
                        new IncidentEvent.IncidentOpened(stream, "bench-" + i, at, Severity.CRITICAL, "bench", Map.of("address", "10.0.0.1"), 1),
                        new IncidentEvent.HoldPlaced(stream, "bench-" + i, at, "bench", "bench"));
                return tx.run(session -> store.append(session, stream, 0, events));
            }).collect().last().replaceWithVoid());
        }
        Uni.join().all(workers).andFailFast().await().atMost(Duration.ofMinutes(10));
        double secs = (System.nanoTime() - t0) / 1e9;
        System.out.printf("[bench] incident event appends (%s, %d transactions of 2 events, %d in flight): %.0f events/s, "
                + "%.0f transactions/s%n", label, transactions, concurrency, 2 * transactions / secs, transactions / secs);
    }

    static long pct(List<Long> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
