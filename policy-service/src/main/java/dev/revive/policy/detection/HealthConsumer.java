package dev.revive.policy.detection;

import java.time.Instant;
import java.util.HashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import dev.revive.common.contract.ProbeResult;
import dev.revive.common.contract.TargetSpec;
import dev.revive.common.envelope.EnvelopeException;
import dev.revive.common.messaging.EnvelopeMessages;
import dev.revive.policy.incident.IncidentCommand;
import dev.revive.policy.incident.IncidentService;
import dev.revive.policy.messaging.Acks;
import dev.revive.policy.target.TargetRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;

/**
 * {@code revive.health}: ProbeResults into detection; a changed verdict into the incident's decision. A record is
 * acked only after the decision it caused is committed; an unreadable one is nacked to {@code revive.health.dlq}.
 */
@ApplicationScoped
public class HealthConsumer {

    private static final Logger LOG = Logger.getLogger(HealthConsumer.class);

    @Inject
    DetectionService detection;
    @Inject
    TargetRegistry registry;
    @Inject
    IncidentService incidents;

    private final Counter consumed;

    @Inject
    HealthConsumer(MeterRegistry metrics) {
        consumed = metrics.counter("revive.health.consumed");
    }

    @Incoming("health")
    public Uni<Void> consume(Message<byte[]> m) {
        ProbeResult r;
        try {
            r = EnvelopeMessages.fromMessage(m, ProbeResult.class).data();
            if (r.targetId() == null || r.targetId().isBlank() || r.outcome() == null) {
                throw new EnvelopeException("ProbeResult needs targetId and outcome");
            }
        } catch (EnvelopeException e) {
            return Acks.nack(m, e);
        }
        consumed.increment();
        return registry.ready().chain(() -> handle(r))
                .onItem().transformToUni(x -> Acks.ack(m))
                .onFailure().recoverWithUni(t -> {
                    LOG.errorf("health record for %s could not be processed: %s", r.targetId(), t.toString());
                    detection.forget(r.targetId());
                    return Acks.nack(m, t);
                });
    }

    private Uni<?> handle(ProbeResult r) {
        TargetSpec spec = registry.get(r.targetId());
        if (spec == null) {
            return Uni.createFrom().voidItem(); // not (or no longer) a registered target
        }
        Verdict v = detection.observe(r, spec);
        if (v == null) {
            return Uni.createFrom().voidItem();
        }
        Instant now = Instant.now();
        if (v == Verdict.UP) {
            return incidents.onTarget(r.targetId(), new IncidentCommand.TargetUp(now));
        }
        var evidence = new HashMap<>(detection.evidence(r.targetId()));
        put(evidence, "errorClass", r.errorClass() == null ? null : r.errorClass().name());
        put(evidence, "statusCode", r.statusCode() == null ? null : r.statusCode().toString());
        put(evidence, "address", r.address());
        put(evidence, "detail", r.detail());
        put(evidence, "probeResultId", r.id());
        String reason = (r.errorClass() == null ? "probe failed" : r.errorClass().name())
                + (r.detail() == null ? "" : ": " + r.detail());
        return incidents.recordDown(r.targetId())
                .chain(() -> incidents.onTarget(r.targetId(), new IncidentCommand.TargetDown(now, reason, evidence)));
    }

    private static void put(java.util.Map<String, String> m, String k, String v) {
        if (v != null) {
            m.put(k, v);
        }
    }
}
