package dev.revive.prober.publish;

import java.time.Instant;

import org.apache.kafka.clients.producer.Producer;
import org.jboss.logging.Logger;

import dev.revive.common.contract.HostMetrics;
import dev.revive.common.contract.ProbeResult;
import dev.revive.common.envelope.Envelope;
import dev.revive.common.messaging.EnvelopeMessages;
import dev.revive.common.topic.Topics;
import dev.revive.prober.schedule.ResultSink;

/**
 * Publishes probe results on {@code revive.health} and host metrics on {@code revive.metrics} as CloudEvents
 * envelopes: key and {@code ce_subject} = target id, {@code ce_id} = the body's id.
 */
public final class EnvelopePublisher implements ResultSink, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EnvelopePublisher.class);
    /** About 20 s of results at 1,000 probes/s, a few MB: a longer broker outage drops (and counts) the rest. */
    static final int QUEUE_CAPACITY = 20_000;

    private final SendQueue sends;
    private final String source;

    public EnvelopePublisher(Producer<String, byte[]> producer, String location, String instanceId) {
        this.sends = new SendQueue(producer, QUEUE_CAPACITY, "revive-publish-" + instanceId);
        this.source = "/revive/prober/" + location + "/" + instanceId;
    }

    /** Results dropped because the broker did not take them (queue full). */
    public long dropped() {
        return sends.dropped();
    }

    /** Sends what is still queued (up to 5 s); the producer is closed by its owner. */
    @Override
    public void close() {
        sends.close();
    }

    @Override
    public void accept(ProbeResult r) {
        send(Topics.HEALTH, Envelope.of(r.id(), r, source, r.targetId(), Instant.now()));
    }

    public void metrics(HostMetrics m) {
        send(Topics.METRICS, Envelope.of(m.id(), m, source, m.targetId(), m.at()));
    }

    private void send(String topic, Envelope<?> e) {
        sends.send(EnvelopeMessages.toRecord(topic, e), (md, ex) -> {
            if (ex != null) {
                LOG.warnf("could not publish %s for %s on %s: %s", e.type(), e.subject(), topic, ex.getMessage());
            }
        });
    }
}
