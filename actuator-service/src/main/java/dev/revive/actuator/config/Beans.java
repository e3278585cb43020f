package dev.revive.actuator.config;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.revive.actuator.command.CommandValidator;
import dev.revive.common.signing.CommandSigner;

/** The plain objects the actuator is wired from. */
public class Beans {

    @Produces
    @ApplicationScoped
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Verifies with every configured key ({@code keyId:secret[,keyId:secret]}, secrets of 32 bytes or more). */
    @Produces
    @ApplicationScoped
    CommandSigner signer(@ConfigProperty(name = "revive.signing.keys") String keys, Clock clock) {
        return CommandSigner.fromConfig(keys, null, clock);
    }

    @Produces
    @ApplicationScoped
    CommandValidator validator(ActuatorConfig config) {
        return new CommandValidator(config.exec().commands().keySet(), config.ssm().templates().keySet());
    }
}
