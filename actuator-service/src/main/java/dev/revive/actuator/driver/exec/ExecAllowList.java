package dev.revive.actuator.driver.exec;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The exec commands configured on this actuator, by name (see {@link ExecCommands} for where they come from). */
public record ExecAllowList(Map<String, ExecCommand> commands) {

    public ExecAllowList {
        commands = Map.copyOf(commands);
    }

    /** Each name with the further parameters it accepts. */
    public Map<String, Set<String>> parametersByName() {
        return commands.values().stream().collect(Collectors.toMap(ExecCommand::name, c -> Set.copyOf(c.parameters())));
    }
}
