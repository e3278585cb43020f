package dev.revive.actuator.driver.exec;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import dev.revive.actuator.config.ActuatorConfig;

/** The exec driver's allow-list, built once from configuration. */
public class ExecBeans {

    private static final Logger LOG = Logger.getLogger(ExecBeans.class);

    /** The exec allow-list from its three forms, checked: a mistake stops the start with every problem listed. */
    @Produces
    @Singleton
    ExecAllowList execAllowList(ActuatorConfig config) {
        var commands = ExecCommands.load(config.exec().commands(), config.exec().commandsFile(), config.exec().commandsJson());
        LOG.infof("exec allow-list: %s", commands.keySet());
        return new ExecAllowList(commands);
    }
}
