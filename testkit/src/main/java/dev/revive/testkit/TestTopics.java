package dev.revive.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.clients.producer.ProducerRecord;

import dev.revive.common.envelope.Envelope;
import dev.revive.common.envelope.EnvelopeCodec;
import dev.revive.common.envelope.EventTypes;
import dev.revive.common.messaging.EnvelopeMessages;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/**
 * Produce and consume Revive envelopes on the real broker in tests, through SmallRye's Kafka test companion
 * (which needs no Docker).
 */
public final class TestTopics implements AutoCloseable {

    private static TestTopics shared;

    private final boolean isShared;
    private KafkaCompanion companion;

    /** Topics of its own, closed by {@link #close()} (try-with-resources). */
    public TestTopics() {
        this(false);
    }

    private TestTopics(boolean isShared) {
        this.isShared = isShared;
    }

    /**
     * The one instance of this JVM, for a test class's {@code static final} field: it connects on first use (after
     * the test resources have started the broker) and closes when the JVM exits, so no test needs set-up or tear-down
     * for it.
     */
    public static synchronized TestTopics shared() {
        if (shared == null) {
            shared = new TestTopics(true);
            TestTopics s = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(s::closeCompanion, "test-topics-close"));
        }
        return shared;
    }

    public synchronized KafkaCompanion companion() {
        if (companion == null) {
            companion = new KafkaCompanion(RealKafka.bootstrapServers());
        }
        return companion;
    }

    /** Publishes an envelope keyed by its subject, and waits for the broker's ack. */
    public void publish(String topic, Envelope<?> e) {
        companion().produce(String.class, byte[].class).fromRecords(EnvelopeMessages.toRecord(topic, e))
                .awaitCompletion(Duration.ofSeconds(30));
    }

    /** Publishes many envelopes in one go (each keyed by its subject) and waits for every ack. */
    public void publishAll(String topic, java.util.List<? extends Envelope<?>> envelopes) {
        companion().produce(String.class, byte[].class)
                .fromRecords(envelopes.stream().map(e -> EnvelopeMessages.toRecord(topic, e)).toList())
                .awaitCompletion(Duration.ofSeconds(120));
    }

    /** Publishes raw bytes (for malformed-record tests), with or without headers of an envelope. */
    public void publishRaw(String topic, String key, byte[] value, Envelope<?> headersFrom) {
        var headers = headersFrom == null ? null : EnvelopeCodec.headers(headersFrom);
        companion().produce(String.class, byte[].class).fromRecords(new ProducerRecord<>(topic, null, key, value, headers))
                .awaitCompletion(Duration.ofSeconds(30));
    }

    /** Publishes a tombstone (null value) for a key, e.g. a deleted target. */
    public void tombstone(String topic, String key) {
        companion().produce(String.class, byte[].class).fromRecords(new ProducerRecord<>(topic, key, null))
                .awaitCompletion(Duration.ofSeconds(30));
    }

    /**
     * Reads the topic from the beginning until {@code count} envelopes of the given type match, and returns them;
     * fails with an {@link AssertionError} naming what was seen when the timeout passes first. Records of other
     * types are skipped.
     */
    public <T> List<Envelope<T>> await(String topic, Class<T> type, Predicate<T> match, int count, Duration timeout) {
        List<Envelope<T>> found = new ArrayList<>();
        int seen = 0;
        try (var consumer = fromBeginning(topic)) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (found.size() < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    seen++;
                    if (r.value() == null || !EventTypes.typeOf(type).equals(EnvelopeCodec.text(r.headers(), EnvelopeCodec.TYPE))) {
                        continue;
                    }
                    Envelope<T> e;
                    try {
                        e = EnvelopeMessages.fromRecord(r, type);
                    } catch (dev.revive.common.envelope.EnvelopeException unreadable) {
                        continue; // a malformed record another test put on the shared topic is not the one awaited
                    }
                    if (match.test(e.data()) && found.size() < count) {
                        found.add(e);
                    }
                }
            }
        }
        if (found.size() < count) {
            throw new AssertionError("wanted " + count + " matching " + type.getSimpleName() + " on " + topic
                    + " within " + timeout + ", found " + found.size() + " among " + seen + " records");
        }
        return found;
    }

    /**
     * Reads the topic from the beginning until a raw record with this key matches (for dead-letter topics and
     * records that are not envelopes), and returns it; fails with an {@link AssertionError} after 30 s.
     */
    public static ConsumerRecord<String, byte[]> awaitRecord(String topic, String key,
            Predicate<ConsumerRecord<String, byte[]>> match) {
        try (var consumer = fromBeginning(topic)) {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(r.key()) && match.test(r)) {
                        return r;
                    }
                }
            }
        }
        throw new AssertionError("no matching record with key " + key + " on " + topic + " within 30 s");
    }

    /** All envelopes of a type on a topic now (reads until the end offsets seen at the start). */
    public <T> List<Envelope<T>> readAll(String topic, Class<T> type) {
        List<Envelope<T>> out = new ArrayList<>();
        try (var consumer = fromBeginning(topic)) {
            List<TopicPartition> parts = List.copyOf(consumer.assignment());
            var end = consumer.endOffsets(parts);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (parts.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.value() != null && EventTypes.typeOf(type).equals(EnvelopeCodec.text(r.headers(), EnvelopeCodec.TYPE))) {
                        out.add(EnvelopeMessages.fromRecord(r, type));
                    }
                }
            }
        }
        return out;
    }

    /** A group-less consumer assigned to every partition of the topic, positioned at the beginning. */
    private static KafkaConsumer<String, byte[]> fromBeginning(String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, RealKafka.bootstrapServers());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        var consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        try {
            List<TopicPartition> parts = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            return consumer;
        } catch (RuntimeException e) {
            consumer.close();
            throw e;
        }
    }

    /** Closes own topics; the {@link #shared()} instance stays open until the JVM exits. */
    @Override
    public void close() {
        if (!isShared) {
            closeCompanion();
        }
    }

    private synchronized void closeCompanion() {
        if (companion != null) {
            companion.close();
            companion = null;
        }
    }
}
