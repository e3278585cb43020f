package dev.revive.actuator.driver.exec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The exec allow-list, from any of three forms, merged: the properties {@code revive.actuator.exec.commands.<name>}
 * (an argv list; a dashed name cannot be written as an environment variable), a file
 * ({@code revive.actuator.exec.commands-file}, YAML or JSON) and a JSON value ({@code REVIVE_EXEC_COMMANDS}). In the
 * file and the JSON each name maps to an argv list or to an object:
 *
 * <pre>
 * restart-nginx:
 *   argv: [/usr/bin/sudo, -n, /usr/bin/systemctl, restart, nginx]
 *   env: {SYSTEMD_PAGER: ""}
 *   timeout: PT30S
 *   parameters: [unit]
 * </pre>
 *
 * A name in the file or the JSON replaces a property of the same name; the same name in both the file and the JSON is
 * an error. Everything is checked at start; every problem is reported at once and the service does not start.
 */
public final class ExecCommands {

    static final Pattern COMMAND_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
    static final Pattern PARAMETER = Pattern.compile("[a-z][A-Za-z0-9]{0,63}");
    private static final List<String> FIELDS = List.of("argv", "env", "timeout", "parameters");

    private ExecCommands() {
    }

    /** Thrown at start with every problem of the configured allow-list. */
    public static class InvalidExecCommands extends IllegalStateException {
        public InvalidExecCommands(List<String> problems) {
            super("invalid exec allow-list:\n  - " + String.join("\n  - ", problems));
        }
    }

    /** Merges and checks the three forms. */
    public static Map<String, ExecCommand> load(Map<String, List<String>> properties, Optional<String> file,
            Optional<String> json) {
        List<String> problems = new ArrayList<>();
        Map<String, ExecCommand> out = new TreeMap<>();
        Map<String, String> origin = new LinkedHashMap<>();
        file.filter(f -> !f.isBlank()).ifPresent(f -> {
            Path p = Path.of(f);
            try {
                String text = Files.readString(p);
                JsonNode root = f.endsWith(".json") ? new ObjectMapper().readTree(text) : new ObjectMapper(new YAMLFactory()).readTree(text);
                parse(root, "revive.actuator.exec.commands-file " + f, out, origin, problems);
            } catch (IOException e) {
                problems.add("revive.actuator.exec.commands-file " + f + " cannot be read: " + e.getMessage());
            }
        });
        json.filter(j -> !j.isBlank()).ifPresent(j -> {
            try {
                parse(new ObjectMapper().readTree(j), "REVIVE_EXEC_COMMANDS", out, origin, problems);
            } catch (IOException e) {
                problems.add("REVIVE_EXEC_COMMANDS is not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
            }
        });
        // The property form last: a file or JSON entry replaces a property of the same name (the shipped defaults
        // define restart-demo and stop-demo as properties, and a deployment must be able to redefine them fully).
        properties.forEach((name, argv) -> {
            if (!out.containsKey(name)) {
                add(out, origin, "revive.actuator.exec.commands." + name, ExecCommand.of(name, argv), problems);
            }
        });
        if (!problems.isEmpty()) {
            throw new InvalidExecCommands(problems);
        }
        return out;
    }

    private static void parse(JsonNode root, String source, Map<String, ExecCommand> out, Map<String, String> origin,
            List<String> problems) {
        if (root == null || root.isNull() || root.isMissingNode()) {
            return; // an empty file: no commands
        }
        if (!root.isObject()) {
            problems.add(source + ": must be an object of command name to argv list or {argv, env, timeout, parameters}");
            return;
        }
        root.fields().forEachRemaining(e -> {
            String name = e.getKey();
            String at = source + ": " + name;
            JsonNode v = e.getValue();
            List<String> argv;
            Map<String, String> env = Map.of();
            Optional<Duration> timeout = Optional.empty();
            List<String> parameters = List.of();
            if (v.isArray()) {
                argv = strings(v, at, problems);
            } else if (v.isObject()) {
                v.fieldNames().forEachRemaining(f -> {
                    if (!FIELDS.contains(f)) {
                        problems.add(at + "." + f + ": unknown field (known: " + FIELDS + ")");
                    }
                });
                argv = v.has("argv") ? strings(v.get("argv"), at + ".argv", problems) : List.of();
                if (v.has("env")) {
                    env = env(v.get("env"), at + ".env", problems);
                }
                if (v.has("timeout")) {
                    timeout = timeout(v.get("timeout"), at + ".timeout", problems);
                }
                if (v.has("parameters")) {
                    parameters = strings(v.get("parameters"), at + ".parameters", problems);
                }
            } else {
                problems.add(at + ": must be an argv list or an object with argv");
                return;
            }
            add(out, origin, at, new ExecCommand(name, argv, env, timeout, parameters), problems);
        });
    }

    private static void add(Map<String, ExecCommand> out, Map<String, String> origin, String at, ExecCommand c,
            List<String> problems) {
        if (!COMMAND_NAME.matcher(c.name()).matches()) {
            problems.add(at + ": name must be letters, digits, '.', '_' or '-' (at most 64, not starting with a sign)");
        }
        if (c.argv().isEmpty() || c.argv().get(0).isBlank()) {
            problems.add(at + ".argv: must name a program");
        }
        if (c.argv().stream().anyMatch(a -> a.indexOf('\0') >= 0)) {
            problems.add(at + ".argv: contains a NUL");
        }
        c.env().forEach((k, val) -> {
            if (!VARIABLE.matcher(k).matches()) {
                problems.add(at + ".env." + k + ": not a variable name");
            } else if (k.startsWith("REVIVE_PARAM_") || k.equals("REVIVE_COMMAND_ID") || k.equals("REVIVE_TARGET_ID")) {
                problems.add(at + ".env." + k + ": set by the actuator itself");
            }
        });
        c.timeout().ifPresent(t -> {
            if (t.isNegative() || t.isZero()) {
                problems.add(at + ".timeout: must be positive");
            }
        });
        for (String p : c.parameters()) {
            if (!PARAMETER.matcher(p).matches() || p.equals("command")) {
                problems.add(at + ".parameters: '" + p + "' must be a camelCase name other than 'command'");
            }
        }
        String before = origin.putIfAbsent(c.name(), at);
        if (before != null) {
            problems.add(at + ": '" + c.name() + "' is already defined by " + before);
            return;
        }
        out.put(c.name(), c);
    }

    private static List<String> strings(JsonNode n, String at, List<String> problems) {
        if (!n.isArray()) {
            problems.add(at + ": must be a list of strings");
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (JsonNode s : n) {
            if (!s.isTextual() && !s.isNumber()) {
                problems.add(at + ": must be a list of strings, found " + s.getNodeType());
            } else {
                out.add(s.asText());
            }
        }
        return out;
    }

    private static Map<String, String> env(JsonNode n, String at, List<String> problems) {
        if (!n.isObject()) {
            problems.add(at + ": must be an object of variable name to value");
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        n.fields().forEachRemaining(e -> {
            if (e.getValue().isContainerNode() || e.getValue().isNull()) {
                problems.add(at + "." + e.getKey() + ": must be a string");
            } else {
                out.put(e.getKey(), e.getValue().asText());
            }
        });
        return out;
    }

    private static Optional<Duration> timeout(JsonNode n, String at, List<String> problems) {
        try {
            return Optional.of(Duration.parse(n.asText()));
        } catch (DateTimeParseException e) {
            problems.add(at + ": '" + n.asText() + "' is not an ISO-8601 duration such as PT30S");
            return Optional.empty();
        }
    }
}
