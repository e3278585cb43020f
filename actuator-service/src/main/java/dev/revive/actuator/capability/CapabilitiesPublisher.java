package dev.revive.actuator.capability;

import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.jboss.logging.Logger;

import dev.revive.actuator.config.ActuatorConfig;
import dev.revive.actuator.driver.DriverRegistry;
import dev.revive.actuator.driver.exec.ExecAllowList;
import dev.revive.common.contract.Action;
import dev.revive.common.contract.ActuatorCapabilities;
import dev.revive.common.envelope.Envelope;
import dev.revive.common.messaging.EnvelopeMessages;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.subscription.Cancellable;
import io.smallrye.reactive.messaging.MutinyEmitter;

/**
 * Tells the policy what this actuator can run: the actions it has drivers for, its exec commands with the parameters
 * they accept, its SSM template names (never an argv, an environment value or a template's text). Published on the
 * compacted {@code revive.capabilities} at every start, keyed by the consumer group of {@code revive.commands}: all
 * members of one group share the commands, so they must share the allow-list, and the last one started speaks for
 * all. The allow-list is read once at start, so a start is also when it changes. Retried until the broker has it.
 */
@ApplicationScoped
public class CapabilitiesPublisher {

    public static final String CHANNEL = "capabilities";
    private static final Logger LOG = Logger.getLogger(CapabilitiesPublisher.class);

    private final MutinyEmitter<byte[]> emitter;
    private final DriverRegistry drivers;
    private final ExecAllowList exec;
    private final ActuatorConfig config;
    private final String actuator;
    private final Clock clock;
    private volatile Cancellable sending;

    CapabilitiesPublisher(@Channel(CHANNEL) MutinyEmitter<byte[]> emitter, DriverRegistry drivers, ExecAllowList exec,
            ActuatorConfig config, @ConfigProperty(name = "mp.messaging.incoming.commands.group.id") String actuator,
            Clock clock) {
        this.emitter = emitter;
        this.drivers = drivers;
        this.exec = exec;
        this.config = config;
        this.actuator = actuator;
        this.clock = clock;
    }

    /** What this actuator offers now. */
    public ActuatorCapabilities current() {
        return new ActuatorCapabilities(actuator,
                drivers.actions().stream().map(Action::wireName).sorted().toList(),
                exec.commands().values().stream()
                        .map(c -> new ActuatorCapabilities.ExecCommand(c.name(), c.parameters().stream().sorted().toList()))
                        .sorted(Comparator.comparing(ActuatorCapabilities.ExecCommand::name)).toList(),
                config.ssm().templates().keySet().stream().sorted().toList(),
                clock.instant());
    }

    void onStart(@Observes StartupEvent ev) {
        ActuatorCapabilities c = current();
        sending = emitter.sendMessage(EnvelopeMessages.toMessage(Envelope.of(c, config.source(), actuator)))
                .onFailure().invoke(e -> LOG.warnf("capabilities not published yet, retrying: %s", e.getMessage()))
                .onFailure().retry().withBackOff(Duration.ofSeconds(1), Duration.ofSeconds(30)).indefinitely()
                .subscribe().with(ok -> LOG.infof("published capabilities of %s: actions %s, exec %s", actuator, c.actions(),
                        c.execCommands().stream().map(ActuatorCapabilities.ExecCommand::name).toList()),
                        e -> LOG.errorf("capabilities not published: %s", e.getMessage()));
    }
}
