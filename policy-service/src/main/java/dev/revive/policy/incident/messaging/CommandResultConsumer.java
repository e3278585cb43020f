package dev.revive.policy.incident.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import dev.revive.common.contract.RecoveryResult;
import dev.revive.common.envelope.EnvelopeException;
import dev.revive.common.messaging.EnvelopeMessages;
import dev.revive.policy.drill.DrillService;
import dev.revive.policy.incident.IncidentCommand;
import dev.revive.policy.incident.service.IncidentService;
import dev.revive.policy.messaging.Acks;
import dev.revive.policy.messaging.OutsideText;
import dev.revive.policy.registry.TargetRegistry;
import io.smallrye.mutiny.Uni;

/** {@code revive.command-results}: the actuator's RecoveryResults into their incidents. */
@ApplicationScoped
public class CommandResultConsumer {

    @Inject
    IncidentService incidents;
    @Inject
    TargetRegistry registry;
    @Inject
    DrillService drills;

    @Incoming("command-results")
    public Uni<Void> consume(Message<byte[]> m) {
        RecoveryResult r;
        try {
            r = OutsideText.clean(EnvelopeMessages.fromMessage(m, RecoveryResult.class).data());
            if (r.incidentId() == null || r.commandId() == null || r.status() == null) {
                throw new EnvelopeException("RecoveryResult needs incidentId, commandId and status");
            }
        } catch (EnvelopeException e) {
            return Acks.nack(m, e);
        }
        Uni<?> effect = r.commandId().startsWith(DrillService.PREFIX) ? drills.onStopResult(r) // a drill's stop command
                : registry.ready().chain(() -> incidents.onIncident(r.incidentId(), new IncidentCommand.ResultReceived(r)));
        return effect
                .onItem().transformToUni(d -> Acks.ack(m))
                .onFailure().recoverWithUni(t -> Acks.nack(m, t));
    }
}
