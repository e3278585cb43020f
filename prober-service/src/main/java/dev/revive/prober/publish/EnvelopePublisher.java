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
public final class EnvelopePublisher implements ResultSink {

    private static final Logger LOG = Logger.getLogger(EnvelopePublisher.class);

    private final Producer<String, byte[]> producer;
    private final String source;

    public EnvelopePublisher(Producer<String, byte[]> producer, String location, String instanceId) {
        this.producer = producer;
        this.source = "/revive/prober/" + location + "/" + instanceId;
    }

    @Override
    public void accept(ProbeResult r) {
        send(Topics.HEALTH, Envelope.of(r.id(), r, source, r.targetId(), Instant.now()));
    }

    public void metrics(HostMetrics m) {
        send(Topics.METRICS, Envelope.of(m.id(), m, source, m.targetId(), m.at()));
    }

    private void send(String topic, Envelope<?> e) {
        producer.send(EnvelopeMessages.toRecord(topic, e), (md, ex) -> {
            if (ex != null) {
                LOG.warnf("could not publish %s for %s on %s: %s", e.type(), e.subject(), topic, ex.getMessage());
            }
        });
    }
}
