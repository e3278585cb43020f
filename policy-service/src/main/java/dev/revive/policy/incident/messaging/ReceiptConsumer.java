package dev.revive.policy.incident.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import dev.revive.common.contract.DeliveryReceipt;
import dev.revive.common.envelope.EnvelopeException;
import dev.revive.common.messaging.EnvelopeMessages;
import dev.revive.policy.incident.IncidentCommand;
import dev.revive.policy.incident.service.IncidentService;
import dev.revive.policy.messaging.Acks;
import dev.revive.policy.messaging.OutsideText;
import dev.revive.policy.registry.TargetRegistry;
import io.smallrye.mutiny.Uni;

/** {@code revive.notification-receipts}: delivered notices become AdminNotified on the incident's timeline. */
@ApplicationScoped
public class ReceiptConsumer {

    @Inject
    IncidentService incidents;
    @Inject
    TargetRegistry registry;

    @Incoming("notification-receipts")
    public Uni<Void> consume(Message<byte[]> m) {
        DeliveryReceipt r;
        try {
            r = OutsideText.clean(EnvelopeMessages.fromMessage(m, DeliveryReceipt.class).data());
        } catch (EnvelopeException e) {
            return Acks.nack(m, e);
        }
        if (r.incidentId() == null) {
            return Acks.ack(m); // fleet notices belong to no incident
        }
        return registry.ready().chain(() -> incidents.onIncident(r.incidentId(), new IncidentCommand.ReceiptReceived(r)))
                .onItem().transformToUni(d -> Acks.ack(m))
                .onFailure().recoverWithUni(t -> Acks.nack(m, t));
    }
}
