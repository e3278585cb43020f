package dev.revive.actuator.config;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import dev.revive.actuator.command.CommandValidator;
import dev.revive.actuator.driver.exec.ExecAllowList;
import dev.revive.actuator.driver.exec.ExecCommands;
import dev.revive.common.signing.CommandSigner;

/** The plain objects the actuator is wired from. */
public class Beans {

    private static final Logger LOG = Logger.getLogger(Beans.class);

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

    /** The exec allow-list from its three forms, checked: a mistake stops the start with every problem listed. */
    @Produces
    @Singleton
    ExecAllowList execAllowList(ActuatorConfig config) {
        var commands = ExecCommands.load(config.exec().commands(), config.exec().commandsFile(), config.exec().commandsJson());
        LOG.infof("exec allow-list: %s", commands.keySet());
        return new ExecAllowList(commands);
    }

    @Produces
    @Singleton
    Secrets secrets(ActuatorConfig config, Config mp) {
        return Secrets.from(config.exec().secretProperties(), name -> mp.getOptionalValue(name, String.class), System.getenv());
    }

    @Produces
    @ApplicationScoped
    CommandValidator validator(ActuatorConfig config, ExecAllowList exec) {
        return new CommandValidator(exec.parametersByName(), config.ssm().templates().keySet());
    }
}
