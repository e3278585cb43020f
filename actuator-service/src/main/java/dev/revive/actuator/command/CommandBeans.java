package dev.revive.actuator.command;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import dev.revive.actuator.config.ActuatorConfig;
import dev.revive.actuator.driver.exec.ExecAllowList;

/** The command validator, from what the drivers accept: the exec allow-list's parameters and the SSM templates. */
public class CommandBeans {

    @Produces
    @ApplicationScoped
    CommandValidator validator(ActuatorConfig config, ExecAllowList exec) {
        return new CommandValidator(exec.parametersByName(), config.ssm().templates().keySet());
    }
}
