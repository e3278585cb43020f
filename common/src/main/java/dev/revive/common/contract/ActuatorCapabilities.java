package dev.revive.common.contract;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What an actuator can run, published on {@code revive.capabilities} (compacted) at start and whenever it changes,
 * keyed by {@link #actuator}. Names and parameter names only: no argument list, no environment value, no secret.
 * The policy reads it to refuse a ladder step that no actuator could run.
 *
 * @param actuator     who offers this: the actuator's consumer group on {@code revive.commands} (all its members run
 *                     the same allow-list), also the record key
 * @param actions      wire names of the actions it has a driver for ({@link Action#wireName()})
 * @param execCommands the allow-listed local commands of the {@code exec} action
 * @param ssmTemplates the names of the SSM templates of {@code aws-ssm-command}
 * @param at           when this was published
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ActuatorCapabilities(String actuator, List<String> actions, List<ExecCommand> execCommands,
        List<String> ssmTemplates, Instant at) {

    public ActuatorCapabilities {
        actions = actions == null ? List.of() : List.copyOf(actions);
        execCommands = execCommands == null ? List.of() : List.copyOf(execCommands);
        ssmTemplates = ssmTemplates == null ? List.of() : List.copyOf(ssmTemplates);
    }

    /**
     * One exec command.
     *
     * @param name       what a step's {@code params.command} names
     * @param parameters the further step parameters it accepts (passed to it as {@code REVIVE_PARAM_<NAME>})
     */
    public record ExecCommand(String name, List<String> parameters) {
        public ExecCommand {
            parameters = parameters == null ? List.of() : List.copyOf(parameters);
        }
    }
}
