package dev.revive.policy.registry;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import dev.revive.common.contract.TargetSpec;
import dev.revive.common.envelope.EnvelopeCodec;
import dev.revive.common.topic.Topics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;

/**
 * Keeps this replica's target cache in step with every other replica's: each instance reads all of the compacted
 * {@code revive.targets} itself (assigned every partition, no consumer group, nothing committed) and applies each
 * record — a spec replaces the cached one, a tombstone removes it and what detection keeps about it. Before, a target
 * created through one replica was unknown to the others until they restarted, and the partitions of
 * {@code revive.health} they own never opened an incident for it.
 *
 * <p>Correct across restarts without reading the whole history: the consumer is positioned at the end of every
 * partition first, then the cache is reloaded from PostgreSQL (the source of truth, which holds every change
 * committed while this replica was down). A change committed after that read is published after it, so after the
 * position: it arrives here. Per key, the topic is in commit order (the relay publishes the outbox in id order under
 * one lock), so the last record applied is the newest state. Runs on its own thread: {@code poll} blocks.
 */
@ApplicationScoped
public class TargetFeed {

    private static final Logger LOG = Logger.getLogger(TargetFeed.class);

    @Inject
    TargetRegistry registry;
    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafka;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private volatile boolean stopped;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    void start(@Observes StartupEvent ev) {
        thread = new Thread(this::run, "revive-targets-feed");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent ev) throws InterruptedException {
        stopped = true;
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        if (thread != null) {
            thread.join(Duration.ofSeconds(5).toMillis());
        }
    }

    private void run() {
        while (!stopped) {
            try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(properties(), new StringDeserializer(), new ByteArrayDeserializer())) {
                consumer = c;
                if (stopped) {
                    return;
                }
                follow(c);
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                if (stopped) {
                    return;
                }
                LOG.warnf("targets feed failed, starting again: %s", e.toString());
                pause();
            }
        }
    }

    private void follow(KafkaConsumer<String, byte[]> c) {
        List<TopicPartition> parts = List.of();
        while (parts.isEmpty() && !stopped) {
            parts = c.partitionsFor(Topics.TARGETS, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        }
        c.assign(parts);
        c.seekToEnd(parts);
        parts.forEach(c::position); // positioned now, before the reload reads PostgreSQL
        registry.ready().chain(registry::reload).await().indefinitely();
        LOG.debugf("targets feed following %d partitions of %s", parts.size(), Topics.TARGETS);
        while (!stopped) {
            for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofSeconds(5))) {
                apply(r);
            }
        }
    }

    private void apply(ConsumerRecord<String, byte[]> r) {
        if (r.key() == null) {
            return;
        }
        if (r.value() == null) {
            registry.forget(r.key());
            return;
        }
        try {
            TargetSpec t = EnvelopeCodec.decode(r.headers(), r.value(), TargetSpec.class).data();
            if (t != null && r.key().equals(t.id())) {
                registry.published(t);
            }
        } catch (RuntimeException e) {
            LOG.warnf("unreadable record on %s (partition %d, offset %d) skipped: %s", r.topic(), r.partition(), r.offset(), e.toString());
        }
    }

    private Properties properties() {
        Properties p = new Properties();
        kafka.forEach((k, v) -> {
            if (ConsumerConfig.configNames().contains(k) && v != null) {
                p.put(k, v.toString());
            }
        });
        p.remove(ConsumerConfig.GROUP_ID_CONFIG); // no group: every replica reads every partition
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "revive-policy-targets-feed-" + UUID.randomUUID().toString().substring(0, 8));
        return p;
    }

    private void pause() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = true;
        }
    }
}
