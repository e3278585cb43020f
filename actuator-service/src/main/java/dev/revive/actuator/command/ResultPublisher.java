package dev.revive.actuator.command;

import java.time.Duration;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;

import dev.revive.actuator.config.ActuatorConfig;
import dev.revive.common.contract.RecoveryResult;
import dev.revive.common.envelope.Envelope;
import dev.revive.common.messaging.EnvelopeMessages;
import io.smallrye.reactive.messaging.MutinyEmitter;

/**
 * Publishes results on {@code revive.command-results}, keyed by target id, and waits for the broker's ack. A result
 * of a command that passed the checks always gets the event id {@code <commandId>/result}, so a re-publication
 * (redelivery, replay) is recognizably the same event; a rejection gets a random id, because its command id is
 * unauthenticated and must not be able to shadow the real command's result.
 */
@ApplicationScoped
public class ResultPublisher {

    public static final String CHANNEL = "command-results";

    private final MutinyEmitter<byte[]> emitter;
    private final String source;

    public ResultPublisher(@Channel(CHANNEL) MutinyEmitter<byte[]> emitter, ActuatorConfig config) {
        this.emitter = emitter;
        this.source = config.source();
    }

    public void publish(CommandProcessor.Handled handled) {
        RecoveryResult r = handled.result();
        String id = handled.rejected() || r.commandId() == null ? UUID.randomUUID().toString() : r.commandId() + "/result";
        Envelope<RecoveryResult> e = Envelope.of(id, r, source, r.targetId(), r.finishedAt());
        emitter.sendMessage(EnvelopeMessages.toMessage(e)).await().atMost(Duration.ofSeconds(60));
    }
}
