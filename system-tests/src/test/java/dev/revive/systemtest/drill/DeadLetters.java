package dev.revive.systemtest.drill;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import dev.revive.common.envelope.EnvelopeCodec;
import dev.revive.common.topic.Topics;

/** Unreadable records for the consumed topics, and how many of them reached each topic's dead-letter topic. */
final class DeadLetters {

    /** The topics some service consumes, with the {@code ce_type} a readable record there has. */
    static final Map<String, String> CONSUMED = Map.of(
            Topics.TARGETS, "dev.revive.target.spec.v1",
            Topics.HEALTH, "dev.revive.probe.result.v1",
            Topics.METRICS, "dev.revive.host.metrics.v1",
            Topics.COMMANDS, "dev.revive.recovery.command.v1",
            Topics.COMMAND_RESULTS, "dev.revive.recovery.result.v1",
            Topics.NOTIFICATIONS, "dev.revive.notification.request.v1",
            Topics.NOTIFICATION_RECEIPTS, "dev.revive.notification.receipt.v1",
            Topics.BASELINES, "dev.revive.drift.baseline.v1");

    /** A way of being unreadable: with or without CloudEvents headers (and which ce_type), and the body. */
    enum Variety {
        GARBAGE, TRUNCATED_JSON, JSON_ARRAY, UNKNOWN_TYPE;

        String label() {
            return name().toLowerCase().replace('_', '-');
        }
    }

    private final String bootstrap;

    DeadLetters(String bootstrap) {
        this.bootstrap = bootstrap;
    }

    /** Sends {@code perTopic} records to each consumed topic, the varieties in turn; keys start with {@code marker}. */
    void send(String marker, int perTopic) {
        Random random = new Random(7);
        try (var producer = new KafkaProducer<String, byte[]>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer())) {
            CONSUMED.forEach((topic, ceType) -> {
                for (int i = 0; i < perTopic; i++) {
                    Variety v = Variety.values()[i % Variety.values().length];
                    // A baseline's key names its location: only that location's probers read (and dead-letter) it.
                    String key = key(marker, v) + "%03d".formatted(i) + (topic.equals(Topics.BASELINES) ? "@local" : "");
                    IntFunction<byte[]> garbage = n -> {
                        byte[] b = new byte[n];
                        for (int j = 0; j < n; j++) {
                            b[j] = (byte) (0x80 + random.nextInt(0x80));
                        }
                        return b;
                    };
                    byte[] body = switch (v) {
                        case GARBAGE -> garbage.apply(40);
                        case TRUNCATED_JSON -> "{\"truncated\": [1, 2, ".getBytes(StandardCharsets.UTF_8);
                        case JSON_ARRAY -> "[1, 2, 3]".getBytes(StandardCharsets.UTF_8);
                        case UNKNOWN_TYPE -> "{}".getBytes(StandardCharsets.UTF_8);
                    };
                    var record = new ProducerRecord<String, byte[]>(topic, key, body);
                    if (v != Variety.GARBAGE) {
                        String type = v == Variety.UNKNOWN_TYPE ? "dev.revive.bogus.v9" : ceType;
                        header(record, EnvelopeCodec.ID, key);
                        header(record, EnvelopeCodec.TYPE, type);
                        header(record, EnvelopeCodec.SOURCE, "fault-drill");
                        header(record, EnvelopeCodec.SPEC_VERSION, "1.0");
                        header(record, EnvelopeCodec.TIME, Instant.now().toString());
                        header(record, EnvelopeCodec.SUBJECT, key);
                        header(record, EnvelopeCodec.CONTENT_TYPE, EnvelopeCodec.JSON);
                    }
                    producer.send(record);
                }
            });
            producer.flush();
        }
    }

    static String key(String marker, Variety v) {
        return marker + "-" + v.label() + "-";
    }

    private static void header(ProducerRecord<String, byte[]> r, String name, String value) {
        r.headers().add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8)));
    }

    /** The keys of every record on {@code topic}'s dead-letter topic. */
    List<String> deadLetterKeys(String topic) {
        String dlq = topic + Topics.DLQ_SUFFIX;
        try (var consumer = new KafkaConsumer<String, byte[]>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = consumer.partitionsFor(dlq, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(dlq, p.partition())).toList();
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            Map<TopicPartition, Long> end = consumer.endOffsets(parts, Duration.ofSeconds(30));
            List<String> keys = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (parts.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    keys.add(r.key());
                }
            }
            return keys;
        }
    }
}
