package dev.revive.actuator.driver.exec;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The environment an exec command runs with, built from nothing: never the actuator's own, which holds its signing
 * keys and passwords. A fixed {@code PATH} and {@code LANG}, the variables the operator names in
 * {@code revive.actuator.exec.inherit-env} (taken from the actuator's environment), the command's own {@code env},
 * then {@code REVIVE_COMMAND_ID}, {@code REVIVE_TARGET_ID} and one {@code REVIVE_PARAM_<NAME>} per step parameter.
 */
public final class ExecEnvironment {

    public static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private final String path;
    private final List<String> inherit;
    private final Map<String, String> actuatorEnv;

    public ExecEnvironment(String path, List<String> inherit, Map<String, String> actuatorEnv) {
        this.path = path;
        this.inherit = List.copyOf(inherit);
        this.actuatorEnv = Map.copyOf(actuatorEnv);
    }

    /** Only the fixed variables (tests, and an actuator that names none to inherit). */
    public static ExecEnvironment minimal() {
        return new ExecEnvironment(DEFAULT_PATH, List.of(), Map.of());
    }

    public Map<String, String> build(ExecCommand command, String commandId, String targetId, Map<String, String> params) {
        Map<String, String> env = new TreeMap<>();
        env.put("PATH", path);
        env.put("LANG", "C.UTF-8");
        for (String name : inherit) {
            String v = actuatorEnv.get(name);
            if (v != null) {
                env.put(name, v);
            }
        }
        env.putAll(command.env());
        env.put("REVIVE_COMMAND_ID", commandId);
        env.put("REVIVE_TARGET_ID", targetId);
        for (String p : command.parameters()) {
            String v = params.get(p);
            if (v != null) {
                env.put(ExecCommand.parameterVariable(p), v);
            }
        }
        return env;
    }
}
