package dev.revive.actuator.command;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import dev.revive.common.contract.RecoveryCommand;
import dev.revive.common.envelope.Envelope;
import dev.revive.common.envelope.EnvelopeException;
import dev.revive.common.messaging.EnvelopeMessages;
import io.smallrye.reactive.messaging.annotations.Blocking;

/**
 * Reads {@code revive.commands}. A record is acked only after its outcome is in the ledger and its result is on
 * {@code revive.command-results}; one that cannot be read goes to {@code revive.commands.dlq}. Commands of different
 * targets run side by side on the {@value #WORKERS} worker pool.
 */
@ApplicationScoped
public class CommandConsumer {

    public static final String CHANNEL = "commands";
    public static final String WORKERS = "revive-actuator-actions";

    private static final Logger LOG = Logger.getLogger(CommandConsumer.class);
    private static final Duration RETRY_FIRST = Duration.ofMillis(500);
    private static final Duration RETRY_MAX = Duration.ofSeconds(30);
    private static final int RETRY_ATTEMPTS = 12;

    private final CommandProcessor processor;
    private final ResultPublisher publisher;

    public CommandConsumer(CommandProcessor processor, ResultPublisher publisher) {
        this.processor = processor;
        this.publisher = publisher;
    }

    @Incoming(CHANNEL)
    @Blocking(value = WORKERS, ordered = false)
    public CompletionStage<Void> consume(Message<byte[]> message) {
        Envelope<RecoveryCommand> envelope;
        try {
            envelope = EnvelopeMessages.fromMessage(message, RecoveryCommand.class);
        } catch (EnvelopeException e) {
            LOG.warnf("unreadable command record, to the dead-letter topic: %s", e.getMessage());
            return message.nack(e);
        }
        RecoveryCommand command = envelope.data();
        Duration wait = RETRY_FIRST;
        for (int attempt = 1;; attempt++) {
            try {
                publisher.publish(processor.handle(command));
                return message.ack();
            } catch (RuntimeException e) {
                // The database or the broker is away. The ledger makes a retry safe: nothing runs twice.
                if (attempt == RETRY_ATTEMPTS) {
                    LOG.errorf(e, "command %s: giving up after %d attempts, to the dead-letter topic", command.commandId(),
                            attempt);
                    return message.nack(e);
                }
                LOG.warnf("command %s: attempt %d failed (%s), retrying in %s", command.commandId(), attempt, e, wait);
                try {
                    Thread.sleep(wait);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return message.nack(e);
                }
                wait = wait.multipliedBy(2).compareTo(RETRY_MAX) > 0 ? RETRY_MAX : wait.multipliedBy(2);
            }
        }
    }
}
