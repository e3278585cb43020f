package dev.revive.policy.it;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import dev.revive.testkit.RealKafka;

/** Raw record reads (dead letters, tombstones) that the typed TestTopics helpers skip. */
final class LadderEndToEndTestSupport {

    private LadderEndToEndTestSupport() {
    }

    static ConsumerRecord<String, byte[]> awaitRecord(String topic, String key, Predicate<ConsumerRecord<String, byte[]>> match) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, RealKafka.bootstrapServers());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (var c = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = c.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (var r : c.poll(Duration.ofMillis(200))) {
                    if (key.equals(r.key()) && match.test(r)) {
                        return r;
                    }
                }
            }
        }
        throw new AssertionError("no matching record with key " + key + " on " + topic + " within 30 s");
    }
}
