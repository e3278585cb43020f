package dev.revive.actuator.driver.exec;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One allow-listed local command.
 *
 * @param name       what a step's {@code params.command} names
 * @param argv       the program and its arguments, run without a shell
 * @param env        variables set for this command on top of the minimal environment (fixed values from config)
 * @param timeout    longest run of this command; the exec driver's own when empty
 * @param parameters the further step parameters it accepts, passed to it as {@code REVIVE_PARAM_<NAME>}
 */
public record ExecCommand(String name, List<String> argv, Map<String, String> env, Optional<Duration> timeout,
        List<String> parameters) {

    public ExecCommand {
        argv = List.copyOf(argv);
        env = env == null ? Map.of() : Map.copyOf(env);
        timeout = timeout == null ? Optional.empty() : timeout;
        parameters = parameters == null ? List.of() : List.copyOf(parameters);
    }

    public static ExecCommand of(String name, List<String> argv) {
        return new ExecCommand(name, argv, Map.of(), Optional.empty(), List.of());
    }

    /** The environment variable a step parameter is passed in. */
    public static String parameterVariable(String parameter) {
        return "REVIVE_PARAM_" + parameter.replaceAll("([a-z])([A-Z])", "$1_$2").replace('-', '_').toUpperCase(java.util.Locale.ROOT);
    }
}
