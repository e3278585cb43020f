package dev.revive.policy.detection;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import dev.revive.common.contract.HostMetrics;
import dev.revive.common.envelope.EnvelopeException;
import dev.revive.common.messaging.EnvelopeMessages;
import dev.revive.common.contract.TargetSpec;
import dev.revive.policy.messaging.Acks;
import dev.revive.policy.messaging.OutsideText;
import dev.revive.policy.registry.TargetRegistry;
import io.smallrye.mutiny.Uni;

/**
 * {@code revive.metrics}: HostMetrics into the WARNING rules (ESTABLISHED connections). A record is acked once
 * the WARNING it raised or cleared is committed; an unreadable one is nacked to {@code revive.metrics.dlq}.
 */
@ApplicationScoped
public class MetricsConsumer {

    @Inject
    WarningService warnings;
    @Inject
    TargetRegistry registry;

    @Incoming("metrics")
    public Uni<Void> consume(Message<byte[]> m) {
        HostMetrics h;
        try {
            h = OutsideText.clean(EnvelopeMessages.fromMessage(m, HostMetrics.class).data());
            if (h.targetId() == null || h.targetId().isBlank()) {
                throw new EnvelopeException("HostMetrics needs targetId");
            }
        } catch (EnvelopeException e) {
            return Acks.nack(m, e);
        }
        return registry.ready().chain(() -> {
            TargetSpec spec = registry.get(h.targetId());
            Uni<Void> effect = spec == null ? null : warnings.onMetrics(h, spec);
            return effect == null ? Uni.createFrom().voidItem() : effect;
        }).onItem().transformToUni(x -> Acks.ack(m)).onFailure().recoverWithUni(t -> Acks.nack(m, t));
    }
}
