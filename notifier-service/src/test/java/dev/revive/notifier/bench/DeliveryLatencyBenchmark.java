package dev.revive.notifier.bench;

import static dev.revive.notifier.support.Requests.email;
import static dev.revive.notifier.support.Requests.id;
import static dev.revive.notifier.support.Requests.opened;
import static dev.revive.notifier.support.Requests.to;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.revive.common.contract.Channel;
import dev.revive.common.contract.DeliveryReceipt;
import dev.revive.common.envelope.Envelope;
import dev.revive.common.envelope.EnvelopeCodec;
import dev.revive.common.messaging.EnvelopeMessages;
import dev.revive.common.topic.Topics;
import dev.revive.notifier.support.ChannelStubsResource;
import dev.revive.notifier.support.Requests;
import dev.revive.testkit.RealInfrastructureResource;
import dev.revive.testkit.RealKafka;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Benchmark harness, not a behaviour test: prints how long an email notification takes from the request's Kafka
 * timestamp to its DELIVERED receipt's Kafka timestamp (GreenMail on loopback), for the first request after start-up,
 * one after an idle pause, and a few in a row. Asserts nothing about the figures. Run alone:
 * {@code ./mvnw -B -o -pl notifier-service verify -Pbench -Dtest=DeliveryLatencyBenchmark}.
 */
@Tag("bench")
@QuarkusTest
@TestProfile(DeliveryLatencyBenchmark.ProductionTiming.class)
@QuarkusTestResource(value = RealInfrastructureResource.class, restrictToAnnotatedClass = false, initArgs = @ResourceArg(name = "database", value = "notifier"))
@QuarkusTestResource(value = ChannelStubsResource.class, restrictToAnnotatedClass = false)
class DeliveryLatencyBenchmark {

    /** The production dispatch interval and storm limits, not the test profile's shortened ones. */
    public static class ProductionTiming implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("revive.notifier.dispatch.interval", "PT1S", "revive.notifier.storm.per-target", "5",
                    "revive.notifier.storm.window", "PT1M",
                    "quarkus.log.category.\"io.vertx.ext.mail\".level", "DEBUG",
                    "quarkus.log.category.\"dev.revive.notifier\".level", "DEBUG");
        }
    }

    @Test
    void prints_request_to_receipt_latency() throws Exception {
        List<String> lines = new ArrayList<>();
        try (var producer = producer(); var receipts = receiptConsumer()) {
            lines.add(measure(producer, receipts, "first after start-up"));
            Thread.sleep(15_000); // an idle while, as between two incidents (a harness, not a test: no assertion waits on it)
            lines.add(measure(producer, receipts, "after 15 s idle"));
            for (int i = 1; i <= 5; i++) {
                lines.add(measure(producer, receipts, "in a row #" + i));
            }
        }
        lines.forEach(l -> System.out.println("[notifier-latency] " + l));
    }

    private static String measure(KafkaProducer<String, byte[]> producer, KafkaConsumer<String, byte[]> receipts,
            String label) throws Exception {
        var request = opened(id(), "bench-" + id(), to(Channel.EMAIL, email()));
        var record = EnvelopeMessages.toRecord(Topics.NOTIFICATIONS, Envelope.of(request, Requests.SOURCE, request.targetId()));
        long published = producer.send(record).get().timestamp();
        long[] receiptTs = { -1 };
        Awaitility.await().atMost(Duration.ofSeconds(90)).until(() -> {
            for (ConsumerRecord<String, byte[]> r : receipts.poll(Duration.ofMillis(100))) {
                if (r.value() == null || !dev.revive.common.envelope.EventTypes.typeOf(DeliveryReceipt.class).equals(EnvelopeCodec.text(r.headers(), EnvelopeCodec.TYPE))) {
                    continue;
                }
                DeliveryReceipt d = EnvelopeMessages.fromRecord(r, DeliveryReceipt.class).data();
                if (request.notificationId().equals(d.notificationId())) {
                    receiptTs[0] = r.timestamp();
                    return true;
                }
            }
            return false;
        });
        return String.format("%-22s request→receipt %5d ms (Kafka timestamps)", label, receiptTs[0] - published);
    }

    private static KafkaProducer<String, byte[]> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, RealKafka.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    private static KafkaConsumer<String, byte[]> receiptConsumer() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, RealKafka.bootstrapServers());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        var c = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> parts = c.partitionsFor(Topics.NOTIFICATION_RECEIPTS, Duration.ofSeconds(30)).stream()
                .map(i -> new TopicPartition(Topics.NOTIFICATION_RECEIPTS, i.partition())).toList();
        c.assign(parts);
        c.seekToEnd(parts);
        parts.forEach(c::position);
        return c;
    }
}
