package dev.revive.notifier.support;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import dev.revive.common.envelope.EnvelopeCodec;
import dev.revive.common.topic.Topics;
import dev.revive.testkit.RealKafka;

/** Reads {@code revive.notifications.dlq} raw (its bodies may not even parse). */
public final class DeadLetters {

    /** One dead-letter record: its body as text and its reason header. */
    public record DeadLetter(String key, String body, String reason, String ceId) {
    }

    private DeadLetters() {
    }

    /** Every dead-letter record whose body contains the text. */
    public static List<DeadLetter> containing(String text) {
        String topic = Topics.NOTIFICATIONS + Topics.DLQ_SUFFIX;
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, RealKafka.bootstrapServers());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<DeadLetter> out = new ArrayList<>();
        try (var c = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = c.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            var end = c.endOffsets(parts);
            while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(200))) {
                    String body = r.value() == null ? "" : new String(r.value(), StandardCharsets.UTF_8);
                    if (body.contains(text)) {
                        out.add(new DeadLetter(r.key(), body, EnvelopeCodec.text(r.headers(), EnvelopeCodec.DLQ_REASON),
                                EnvelopeCodec.text(r.headers(), EnvelopeCodec.ID)));
                    }
                }
            }
        }
        return out;
    }
}
