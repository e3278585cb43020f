package dev.revive.policy.detection;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;

/**
 * Which {@code revive.health} partitions this instance consumes, so that the {@link Watchdog} watches only the
 * targets whose results come here: with several replicas, another instance's targets send this one nothing and must
 * not look stalled. A target's partition is the producers' default one for its id (every record is keyed by it).
 */
@ApplicationScoped
@Identifier("health-assignment")
public class HealthAssignment implements KafkaConsumerRebalanceListener {

    private final Set<Integer> owned = ConcurrentHashMap.newKeySet();
    private volatile int partitions;

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> assigned) {
        for (TopicPartition p : assigned) {
            if (partitions == 0) {
                partitions = consumer.partitionsFor(p.topic()).size();
            }
            owned.add(p.partition());
        }
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> revoked) {
        revoked.forEach(p -> owned.remove(p.partition()));
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> lost) {
        onPartitionsRevoked(consumer, lost);
    }

    /** Whether this instance consumes the target's results now (false before the first assignment). */
    public boolean owns(String targetId) {
        int n = partitions;
        return n > 0 && owned.contains(Utils.toPositive(Utils.murmur2(targetId.getBytes(StandardCharsets.UTF_8))) % n);
    }
}
