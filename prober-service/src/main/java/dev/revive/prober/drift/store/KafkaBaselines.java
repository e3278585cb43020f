package dev.revive.prober.drift.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

import dev.revive.common.bus.KafkaConnection;
import dev.revive.common.contract.DriftBaseline;
import dev.revive.common.envelope.Envelope;
import dev.revive.common.envelope.EnvelopeCodec;
import dev.revive.common.messaging.EnvelopeMessages;
import dev.revive.common.topic.Topics;
import dev.revive.prober.drift.Baselines;
import dev.revive.prober.drift.BlockSignatures;
import dev.revive.prober.publish.SendQueue;

/**
 * Drift baselines on the compacted {@code revive.baselines} topic, key {@code <targetId>@<location>}. Every prober
 * reads the whole topic (all partitions, no consumer group: baselines are few and small, and any target of this
 * location may come to this prober in a rebalance) and keeps this location's; it is {@link #ready()} once it has read
 * up to the end offsets seen at start. A baseline armed here is written (and kept at once); a dropped one gets a
 * tombstone. A record that cannot be read goes to {@code revive.baselines.dlq} (only records written after start:
 * the history was dead-lettered by whoever read it first), and reading goes on.
 */
public final class KafkaBaselines implements Baselines {

    private static final Logger LOG = Logger.getLogger(KafkaBaselines.class);

    private final KafkaConnection kafka;
    private final String location;
    private final String source;
    private final Producer<String, byte[]> producer;
    /** Baseline writes come from probes on the event loops: they must never wait for the broker there. */
    private final SendQueue sends;
    private final Map<String, Stored> byTarget = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile boolean running = true;
    private volatile boolean ready;
    private volatile boolean inMemoryOnly;

    public KafkaBaselines(String bootstrapServers, String location, String instanceId, Producer<String, byte[]> producer) {
        this(KafkaConnection.plaintext(bootstrapServers), location, instanceId, producer);
    }

    public KafkaBaselines(KafkaConnection kafka, String location, String instanceId, Producer<String, byte[]> producer) {
        this.kafka = kafka;
        this.location = location;
        this.source = "/revive/prober/" + location + "/" + instanceId;
        this.producer = producer;
        this.sends = new SendQueue(producer, 1_000, "revive-baselines-publish-" + instanceId);
        this.thread = new Thread(this::loop, "revive-baselines-" + instanceId);
        this.thread.setDaemon(true);
    }

    public KafkaBaselines start() {
        thread.start();
        return this;
    }

    @Override
    public Stored get(String targetId) {
        return byTarget.get(targetId);
    }

    @Override
    public boolean ready() {
        return ready;
    }

    /** How many baselines of this location are known. */
    public int size() {
        return byTarget.size();
    }

    @Override
    public void save(String targetId, Stored b) {
        byTarget.put(targetId, b);
        DriftBaseline body = new DriftBaseline(targetId, location, b.proberId(), b.url(), b.signatures().blockSize(),
                b.signatures().baselineLength(), Base64.getEncoder().encodeToString(b.signatures().encode()), b.armedAt());
        Envelope<DriftBaseline> e = Envelope.of(UUID.randomUUID().toString(), body, source, targetId, b.armedAt());
        send(new ProducerRecord<>(Topics.BASELINES, null, DriftBaseline.key(targetId, location), EnvelopeCodec.body(body),
                EnvelopeCodec.headers(e)));
    }

    @Override
    public void drop(String targetId) {
        byTarget.remove(targetId);
        send(new ProducerRecord<>(Topics.BASELINES, DriftBaseline.key(targetId, location), null));
    }

    private void send(ProducerRecord<String, byte[]> r) {
        if (inMemoryOnly) {
            return;
        }
        sends.send(r, (md, ex) -> {
            if (ex != null) {
                LOG.warnf("could not store the drift baseline %s: %s", r.key(), ex.getMessage());
            }
        });
    }

    private void loop() {
        Properties p = kafka.properties();
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "revive-baselines-" + source.replace('/', '-'));
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        String suffix = "@" + location;
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p)) {
            consumer = c;
            List<org.apache.kafka.common.PartitionInfo> infos = null;
            while (running && infos == null) {
                try {
                    infos = c.partitionsFor(Topics.BASELINES, Duration.ofSeconds(60));
                } catch (org.apache.kafka.common.errors.TimeoutException e) {
                    LOG.warnf("drift baselines: no answer about %s yet, asking again", Topics.BASELINES);
                }
            }
            if (infos == null) {
                return;
            }
            if (infos.isEmpty()) {
                // An older cluster without the topic: keep baselines in memory (as before) rather than block on sends.
                LOG.errorf("topic %s does not exist: drift baselines are kept in memory only", Topics.BASELINES);
                inMemoryOnly = true;
                ready = true;
                return;
            }
            List<TopicPartition> parts = infos.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> ends = new HashMap<>(c.endOffsets(parts));
            while (running) {
                try {
                    for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(500))) {
                        if (r.key() != null && r.key().endsWith(suffix)) {
                            apply(r, r.key().substring(0, r.key().length() - suffix.length()), ends);
                        }
                    }
                    if (!ready && ends.entrySet().stream().allMatch(e -> c.position(e.getKey()) >= e.getValue())) {
                        ready = true;
                        LOG.infof("drift baselines of %s read: %d", location, byTarget.size());
                    }
                } catch (WakeupException e) {
                    // close() asked us to stop
                } catch (RuntimeException e) {
                    LOG.errorf(e, "drift baselines consumer: %s", e.getMessage());
                }
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "drift baselines cannot be read: %s", e.getMessage());
        }
    }

    private void apply(ConsumerRecord<String, byte[]> r, String targetId, Map<TopicPartition, Long> ends) {
        if (r.value() == null) {
            byTarget.remove(targetId);
            return;
        }
        try {
            DriftBaseline b = EnvelopeMessages.fromRecord(r, DriftBaseline.class).data();
            if (b == null || !targetId.equals(b.targetId()) || !location.equals(b.location())) {
                throw new IllegalArgumentException("record key '" + r.key() + "' does not name the baseline's target and location");
            }
            BlockSignatures sig = BlockSignatures.decode(b.blockSize(), b.length(), Base64.getDecoder().decode(b.signatures()));
            byTarget.put(targetId, new Stored(sig, b.url(), b.armedAt(), b.proberId()));
        } catch (RuntimeException e) {
            Long end = ends.get(new TopicPartition(r.topic(), r.partition()));
            if (end == null || r.offset() >= end) {
                LOG.warnf("dead-lettering %s-%d@%d: %s", r.topic(), r.partition(), r.offset(), e.getMessage());
                producer.send(new ProducerRecord<>(Topics.BASELINES + Topics.DLQ_SUFFIX, null, r.key(), r.value(),
                        EnvelopeCodec.deadLetterHeaders(r.headers(), String.valueOf(e.getMessage()), r.topic(), r.partition(),
                                r.offset())));
            }
        }
    }

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
        sends.close();
    }
}
