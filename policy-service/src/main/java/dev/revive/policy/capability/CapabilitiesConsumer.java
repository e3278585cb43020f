package dev.revive.policy.capability;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
import org.jboss.logging.Logger;

import dev.revive.common.contract.ActuatorCapabilities;
import dev.revive.common.messaging.EnvelopeMessages;
import dev.revive.common.topic.Topics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;

/**
 * Follows the compacted {@code revive.capabilities} from its beginning, without a consumer group: every policy
 * replica must see every actuator's record, which a shared group would split among them. The state is small and
 * read whole at every start, so there is no offset to keep. An unreadable record is logged and skipped (the next
 * record of that actuator replaces it); nothing here can stop the policy.
 */
@ApplicationScoped
public class CapabilitiesConsumer {

    private static final Logger LOG = Logger.getLogger(CapabilitiesConsumer.class);

    @Inject
    Capabilities capabilities;
    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafka;

    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile boolean stopped;
    private Thread thread;

    void start(@Observes StartupEvent ev) {
        thread = Thread.ofPlatform().daemon().name("revive-capabilities").start(this::run);
    }

    void stop(@Observes ShutdownEvent ev) {
        stopped = true;
        var c = consumer;
        if (c != null) {
            c.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        while (!stopped) {
            try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(config(), new StringDeserializer(), new ByteArrayDeserializer())) {
                consumer = c;
                follow(c);
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                if (stopped) {
                    return;
                }
                LOG.warnf("reading %s failed, starting over in 5 s: %s", Topics.CAPABILITIES, e.toString());
                try {
                    Thread.sleep(5000);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    private void follow(KafkaConsumer<String, byte[]> c) {
        List<TopicPartition> parts;
        while (true) {
            var infos = c.partitionsFor(Topics.CAPABILITIES, Duration.ofSeconds(10));
            if (infos != null && !infos.isEmpty()) {
                parts = infos.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
                break;
            }
            if (stopped) {
                return;
            }
        }
        c.assign(parts);
        c.seekToBeginning(parts);
        Map<TopicPartition, Long> end = c.endOffsets(parts);
        boolean caughtUp = false;
        while (!stopped) {
            for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofSeconds(1))) {
                apply(r);
            }
            if (!caughtUp && parts.stream().allMatch(tp -> c.position(tp) >= end.get(tp))) {
                caughtUp = true;
                LOG.infof("capabilities read: %s", capabilities.heard()
                        ? capabilities.all().stream().map(ActuatorCapabilities::actuator).toList()
                        : "none published yet, target steps are accepted unchecked until an actuator publishes");
            }
        }
    }

    private void apply(ConsumerRecord<String, byte[]> r) {
        if (r.key() == null) {
            LOG.warnf("%s record at offset %d has no key, skipped", Topics.CAPABILITIES, r.offset());
            return;
        }
        if (r.value() == null) {
            capabilities.withdrawn(r.key());
            return;
        }
        try {
            ActuatorCapabilities caps = EnvelopeMessages.fromRecord(r, ActuatorCapabilities.class).data();
            if (caps == null) {
                throw new IllegalArgumentException("empty body");
            }
            capabilities.offered(r.key(), caps);
            LOG.debugf("actuator %s offers %s", r.key(), caps);
        } catch (RuntimeException e) {
            LOG.warnf("unreadable %s record of %s at offset %d, skipped: %s", Topics.CAPABILITIES, r.key(), r.offset(),
                    e.getMessage());
        }
    }

    private Map<String, Object> config() {
        Map<String, Object> p = new HashMap<>(kafka);
        p.keySet().removeIf(k -> k.startsWith("key.") || k.startsWith("value.") || k.equals("group.id"));
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "revive-policy-capabilities");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return p;
    }
}
