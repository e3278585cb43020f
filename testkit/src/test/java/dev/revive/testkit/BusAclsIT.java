package dev.revive.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.revive.common.bus.BusAcls;
import dev.revive.common.bus.KafkaConnection;
import dev.revive.common.topic.Topics;

/** The secure broker of the test kit enforces {@link BusAcls}: who cannot log in, what each principal may and may not do. */
class BusAclsIT {

    private static SecureKafka bus;

    @BeforeAll
    static void broker() {
        bus = RealKafka.secure();
    }

    @Test
    void refuses_a_client_that_does_not_authenticate() {
        Properties p = bus.anonymous().properties();
        p.put("request.timeout.ms", "3000");
        p.put("default.api.timeout.ms", "5000");
        try (Admin admin = Admin.create(p)) {
            assertThatThrownBy(() -> admin.listTopics().names().get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
        }
    }

    @Test
    void refuses_a_wrong_password() {
        try (var producer = producer(bus.as("prober", "not-" + bus.password("prober")))) {
            assertThatThrownBy(() -> send(producer, Topics.HEALTH)).hasRootCauseInstanceOf(SaslAuthenticationException.class);
        }
    }

    @Test
    void prober_cannot_forge_a_restart_or_a_result() {
        try (var producer = producer(bus.as("prober"))) {
            assertThatThrownBy(() -> send(producer, Topics.COMMANDS)).hasRootCauseInstanceOf(AuthorizationException.class);
            assertThatThrownBy(() -> send(producer, Topics.COMMAND_RESULTS)).hasRootCauseInstanceOf(AuthorizationException.class);
        }
    }

    @Test
    void prober_cannot_read_commands() {
        assertThatThrownBy(() -> readFromBeginning(bus.as("prober"), Topics.COMMANDS)).isInstanceOf(AuthorizationException.class);
    }

    @Test
    void only_probers_and_the_policy_write_health() throws Exception {
        // The policy writes the signals of other tools (Alertmanager) there, as results of their own source.
        try (var producer = producer(bus.as("policy"))) {
            send(producer, Topics.HEALTH);
        }
        for (String user : List.of("actuator", "notifier", "viewer")) {
            try (var producer = producer(bus.as(user))) {
                assertThatThrownBy(() -> send(producer, Topics.HEALTH)).as(user).hasRootCauseInstanceOf(AuthorizationException.class);
            }
        }
    }

    @Test
    void viewer_reads_incidents_and_writes_nothing() throws Exception {
        try (var producer = producer(bus.as("policy"))) {
            send(producer, Topics.INCIDENTS);
        }
        assertThat(readFromBeginning(bus.as("viewer"), Topics.INCIDENTS).count()).isPositive();
        for (Topics.Spec s : Topics.allWithDeadLetters()) {
            try (var producer = producer(bus.as("viewer"))) {
                assertThatThrownBy(() -> send(producer, s.name())).as(s.name()).hasRootCauseInstanceOf(AuthorizationException.class);
            }
        }
    }

    @Test
    void viewer_may_consume_in_a_kcat_group_only() {
        assertThatThrownBy(() -> consumeInGroup(bus.as("viewer"), Topics.INCIDENTS, "revive-policy"))
                .isInstanceOf(AuthorizationException.class);
        consumeInGroup(bus.as("viewer"), Topics.INCIDENTS, "kcat-" + UUID.randomUUID());
    }

    @Test
    void every_service_may_write_what_it_produces_and_read_what_it_consumes() throws Exception {
        for (BusAcls.Grant g : BusAcls.SERVICES) {
            try (var producer = producer(bus.as(g.user()))) {
                for (String topic : g.writes()) {
                    send(producer, topic);
                }
            }
            for (String topic : g.reads()) {
                consumeInGroup(bus.as(g.user()), topic, g.groupPrefixes().getFirst() + "-acl-" + UUID.randomUUID());
            }
        }
    }

    @Test
    void a_service_cannot_use_another_services_group() {
        assertThatThrownBy(() -> consumeInGroup(bus.as("notifier"), Topics.NOTIFICATIONS, "revive-policy"))
                .isInstanceOf(AuthorizationException.class);
    }

    private static KafkaProducer<String, byte[]> producer(KafkaConnection c) {
        Properties p = c.properties();
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "15000");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "15000");
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    private static void send(KafkaProducer<String, byte[]> producer, String topic) throws Exception {
        producer.send(new ProducerRecord<>(topic, "acl-test", "acl-test".getBytes(StandardCharsets.UTF_8))).get(30, TimeUnit.SECONDS);
    }

    /** Reads without a group, as kcat -C does. */
    private static ConsumerRecords<String, byte[]> readFromBeginning(KafkaConnection c, String topic) {
        Properties p = c.properties();
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (var consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = java.util.stream.IntStream.range(0, Topics.DEFAULT_PARTITIONS)
                    .mapToObj(i -> new TopicPartition(topic, i)).toList();
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
            while (records.isEmpty() && System.nanoTime() < deadline) {
                records = consumer.poll(Duration.ofMillis(500));
            }
            return records;
        }
    }

    /** Joins a group, reads and commits, as the services' channels do. */
    private static void consumeInGroup(KafkaConnection c, String topic, String group) {
        Properties p = c.properties();
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (var consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (consumer.assignment().isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200));
            }
            assertThat(consumer.assignment()).as("%s joined %s on %s", c, group, topic).isNotEmpty();
            consumer.commitSync(Duration.ofSeconds(10));
        }
    }
}
