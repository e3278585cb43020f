package dev.revive.prober.assignment;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

import dev.revive.common.contract.TargetSpec;
import dev.revive.common.envelope.EnvelopeCodec;
import dev.revive.common.messaging.EnvelopeMessages;
import dev.revive.common.topic.Topics;

/**
 * This instance's share of {@code revive.targets}. The location's probers form one consumer group; Kafka's
 * partition assignment shards the targets. On assignment a partition is read again from its beginning (the topic
 * is compacted, so that is the current set of targets) and handed to the scheduler once it is caught up, so a
 * target deleted later in the log is never probed on the way; after that every edit and tombstone is applied as
 * it arrives. On revocation (or loss) the partition's targets stop at once.
 *
 * <p>Offsets are committed only to remember which records were already dead-lettered: a record that cannot be
 * read goes to {@code revive.targets.dlq} once, not again at every replay.
 */
public final class TargetAssignment implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(TargetAssignment.class);

    /** One assigned partition: its targets, and whether it has been read up to where it ended at assignment. */
    private static final class PartitionView {
        final Map<String, TargetSpec> targets = new LinkedHashMap<>();
        final long catchUpEnd;
        final long dlqFrom;
        boolean live;

        PartitionView(long catchUpEnd, long dlqFrom) {
            this.catchUpEnd = catchUpEnd;
            this.dlqFrom = dlqFrom;
        }
    }

    private final AssignmentSettings settings;
    private final TargetSink sink;
    private final Producer<String, byte[]> dlqProducer;
    private final Map<Integer, PartitionView> views = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile boolean running = true;
    private volatile boolean crashed;

    public TargetAssignment(AssignmentSettings settings, TargetSink sink, Producer<String, byte[]> dlqProducer) {
        this.settings = settings;
        this.sink = sink;
        this.dlqProducer = dlqProducer;
        this.thread = new Thread(this::loop, "revive-targets-" + settings.instanceId());
        this.thread.setDaemon(true);
    }

    public static Properties consumerProperties(AssignmentSettings s) {
        Properties p = s.kafka().properties();
        p.put(ConsumerConfig.GROUP_ID_CONFIG, s.groupId());
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "revive-prober-" + s.instanceId());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, Integer.toString(s.sessionTimeoutMs()));
        p.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, Integer.toString(s.heartbeatMs()));
        // Cooperative: on a rebalance the survivors keep probing what they keep; only moved partitions stop.
        p.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return p;
    }

    public void start() {
        thread.start();
    }

    /** Partitions assigned to this instance and already caught up. */
    public Set<Integer> livePartitions() {
        Set<Integer> out = new java.util.TreeSet<>();
        views.forEach((p, v) -> {
            if (v.live) {
                out.add(p);
            }
        });
        return out;
    }

    private void loop() {
        KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(consumerProperties(settings));
        try {
            consumer = c;
            c.subscribe(Set.of(Topics.TARGETS), new Listener(c));
            while (running) {
                try {
                    var records = c.poll(Duration.ofMillis(500));
                    Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
                    for (ConsumerRecord<String, byte[]> r : records) {
                        handle(r);
                        commit.put(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1));
                    }
                    goLive(c);
                    if (!commit.isEmpty()) {
                        c.commitAsync(commit, null);
                    }
                } catch (WakeupException e) {
                    // close() asked us to stop
                } catch (RuntimeException e) {
                    LOG.errorf(e, "targets consumer of %s: %s", settings.instanceId(), e.getMessage());
                }
            }
            if (!crashed) {
                try {
                    c.commitSync(Duration.ofSeconds(5));
                } catch (RuntimeException e) {
                    // offsets only guard against repeated dead letters
                }
            }
        } finally {
            try {
                c.close(CloseOptions.groupMembershipOperation(crashed ? CloseOptions.GroupMembershipOperation.REMAIN_IN_GROUP
                        : CloseOptions.GroupMembershipOperation.LEAVE_GROUP).withTimeout(Duration.ofSeconds(10)));
            } finally {
                views.keySet().forEach(sink::removePartition);
                views.clear();
            }
        }
    }

    private void handle(ConsumerRecord<String, byte[]> r) {
        PartitionView v = views.get(r.partition());
        if (v == null) {
            return;
        }
        String key = r.key();
        if (r.value() == null) {
            if (key != null && v.targets.remove(key) != null && v.live) {
                sink.remove(key);
            }
            return;
        }
        TargetSpec spec;
        try {
            spec = EnvelopeMessages.fromRecord(r, TargetSpec.class).data();
            if (spec == null || spec.id() == null || spec.probe() == null || spec.probe().kind() == null) {
                throw new IllegalArgumentException("target without id or probe kind");
            }
            if (key == null || !key.equals(spec.id())) {
                throw new IllegalArgumentException("record key '" + key + "' is not the target id '" + spec.id() + "'");
            }
        } catch (RuntimeException e) {
            if (r.offset() >= v.dlqFrom) {
                deadLetter(r, e.getMessage());
            }
            return;
        }
        boolean mine = spec.locations().isEmpty() || spec.locations().contains(settings.location());
        boolean probed = mine && spec.probe().kind() != TargetSpec.ProbeKind.HOST_AGENT;
        if (probed) {
            v.targets.put(key, spec);
            if (v.live) {
                sink.upsert(spec, r.partition());
            }
        } else if (v.targets.remove(key) != null && v.live) {
            sink.remove(key);
        }
    }

    private void goLive(KafkaConsumer<String, byte[]> c) {
        for (var e : views.entrySet()) {
            PartitionView v = e.getValue();
            if (!v.live && c.position(new TopicPartition(Topics.TARGETS, e.getKey())) >= v.catchUpEnd) {
                v.live = true;
                v.targets.values().forEach(spec -> sink.upsert(spec, e.getKey()));
                LOG.infof("%s probes partition %d of %s: %d targets", settings.instanceId(), e.getKey(), Topics.TARGETS,
                        v.targets.size());
            }
        }
    }

    private void deadLetter(ConsumerRecord<String, byte[]> r, String reason) {
        LOG.warnf("dead-lettering %s-%d@%d: %s", r.topic(), r.partition(), r.offset(), reason);
        dlqProducer.send(new ProducerRecord<>(Topics.TARGETS + Topics.DLQ_SUFFIX, null, r.key(), r.value(),
                EnvelopeCodec.deadLetterHeaders(r.headers(), reason, r.topic(), r.partition(), r.offset())));
    }

    private final class Listener implements ConsumerRebalanceListener {
        private final KafkaConsumer<String, byte[]> c;

        Listener(KafkaConsumer<String, byte[]> c) {
            this.c = c;
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> parts) {
            if (parts.isEmpty()) {
                return;
            }
            Map<TopicPartition, Long> ends = c.endOffsets(parts);
            Map<TopicPartition, OffsetAndMetadata> committed = c.committed(Set.copyOf(parts));
            for (TopicPartition tp : parts) {
                OffsetAndMetadata done = committed.get(tp);
                views.put(tp.partition(), new PartitionView(ends.getOrDefault(tp, 0L), done == null ? 0 : done.offset()));
            }
            c.seekToBeginning(parts);
            LOG.infof("%s assigned %s", settings.instanceId(), parts);
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> parts) {
            drop(parts);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> parts) {
            drop(parts);
        }

        private void drop(Collection<TopicPartition> parts) {
            for (TopicPartition tp : parts) {
                views.remove(tp.partition());
                sink.removePartition(tp.partition());
            }
            if (!parts.isEmpty()) {
                LOG.infof("%s no longer probes %s", settings.instanceId(), parts);
            }
        }
    }

    /**
     * Stops like a killed process would, for takeover tests: no offset commit and no LeaveGroup (the consumer closes
     * with {@code REMAIN_IN_GROUP}), so the group coordinator only notices when the session times out.
     */
    public void crash() {
        crashed = true;
        close();
    }

    /** Leaves the group (the others take over at once) and stops probing every target of this instance. */
    @Override
    public void close() {
        running = false;
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        try {
            thread.join(15_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
