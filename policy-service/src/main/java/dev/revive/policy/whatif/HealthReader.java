package dev.revive.policy.whatif;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;

import dev.revive.common.bus.KafkaConnection;
import dev.revive.common.contract.ProbeResult;
import dev.revive.common.envelope.EnvelopeCodec;
import dev.revive.common.topic.Topics;
import dev.revive.policy.whatif.WhatIfSimulator.Recorded;

/**
 * Reads one target's records of {@code revive.health} from a point in time: a plain consumer (no group, nothing
 * committed) assigned to the one partition the target's key maps to, positioned by {@code offsetsForTimes}, reading
 * up to the end offset taken when it started. Blocking: never call it on an event loop.
 */
public final class HealthReader {

    /** Bounds of one read. */
    public record Limits(int maxResults, Duration timeLimit) {
    }

    /**
     * What was read.
     *
     * @param scanned    records of the partition looked at (every target's)
     * @param kept       the target's results handed on
     * @param unreadable the target's records that could not be decoded
     * @param truncated  why the read stopped before the end offset (null: it reached it)
     * @param lastAt     the timestamp of the last record looked at (null when none)
     */
    public record Read(long scanned, int kept, int unreadable, String truncated, Instant lastAt) {
    }

    private final KafkaConnection connection;

    /** @param connection the service's bootstrap servers and security settings ({@code kafka.*}) */
    public HealthReader(KafkaConnection connection) {
        this.connection = connection;
    }

    /** The partition a key maps to under Kafka's default partitioner (murmur2 of the key's bytes). */
    static int partitionOf(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    /** Hands every readable result of {@code targetId} written since {@code from} to {@code sink}, in topic order. */
    public Read read(String targetId, Instant from, Limits limits, Consumer<Recorded> sink) {
        if (io.vertx.core.Context.isOnEventLoopThread()) {
            throw new IllegalStateException("the what-if read blocks: it must not run on an event loop");
        }
        long deadline = System.nanoTime() + limits.timeLimit().toNanos();
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(properties(), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<PartitionInfo> infos = c.partitionsFor(Topics.HEALTH, Duration.ofSeconds(10));
            if (infos == null || infos.isEmpty()) {
                return new Read(0, 0, 0, null, null);
            }
            TopicPartition tp = new TopicPartition(Topics.HEALTH, partitionOf(targetId, infos.size()));
            c.assign(List.of(tp));
            long end = c.endOffsets(List.of(tp), Duration.ofSeconds(10)).get(tp);
            OffsetAndTimestamp start = c.offsetsForTimes(Map.of(tp, from.toEpochMilli()), Duration.ofSeconds(10)).get(tp);
            if (start == null || start.offset() >= end) {
                return new Read(0, 0, 0, null, null); // nothing written since: null when every record is older
            }
            c.seek(tp, start.offset());
            long scanned = 0;
            int kept = 0;
            int unreadable = 0;
            Instant lastAt = null;
            while (c.position(tp) < end) {
                if (System.nanoTime() > deadline) {
                    return new Read(scanned, kept, unreadable, "time limit of " + limits.timeLimit() + " reached", lastAt);
                }
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(500))) {
                    if (r.offset() >= end) {
                        break;
                    }
                    scanned++;
                    lastAt = Instant.ofEpochMilli(r.timestamp());
                    if (!targetId.equals(r.key()) || r.value() == null) {
                        continue;
                    }
                    ProbeResult p;
                    try {
                        p = EnvelopeCodec.decode(r.headers(), r.value(), ProbeResult.class).data();
                    } catch (RuntimeException e) {
                        unreadable++; // the live consumer dead-letters it: detection never sees it either
                        continue;
                    }
                    if (p == null || !targetId.equals(p.targetId()) || p.outcome() == null) {
                        unreadable++;
                        continue;
                    }
                    sink.accept(new Recorded(p, lastAt));
                    if (++kept >= limits.maxResults()) {
                        return new Read(scanned, kept, unreadable, "at most " + limits.maxResults() + " results", lastAt);
                    }
                }
            }
            return new Read(scanned, kept, unreadable, null, lastAt);
        }
    }

    private Properties properties() {
        Properties p = connection.properties();
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"); // retention may delete the start meanwhile
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "revive-policy-what-if-" + UUID.randomUUID().toString().substring(0, 8));
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        return p;
    }
}
