package dev.revive.actuator.driver.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exec allow-list in its three forms, and the errors a mistake in them gives at start. */
class ExecCommandsTest {

    @TempDir
    Path dir;

    @Test
    void reads_dashed_names_with_env_timeout_and_parameters_from_a_yaml_file() throws Exception {
        Path file = dir.resolve("commands.yaml");
        Files.writeString(file, """
                restart-nginx:
                  argv: [/usr/bin/sudo, -n, /usr/bin/systemctl, restart, nginx]
                  env: {SYSTEMD_PAGER: ""}
                  timeout: PT30S
                  parameters: [unit]
                flush-cache.v2: [/usr/local/bin/flush-cache, --all]
                """);

        var commands = ExecCommands.load(Map.of("restart-demo", List.of("/usr/local/bin/revive-restart-demo")),
                Optional.of(file.toString()), Optional.empty());

        assertThat(commands).containsOnlyKeys("restart-demo", "restart-nginx", "flush-cache.v2");
        ExecCommand nginx = commands.get("restart-nginx");
        assertThat(nginx.argv()).containsExactly("/usr/bin/sudo", "-n", "/usr/bin/systemctl", "restart", "nginx");
        assertThat(nginx.env()).containsEntry("SYSTEMD_PAGER", "");
        assertThat(nginx.timeout()).contains(Duration.ofSeconds(30));
        assertThat(nginx.parameters()).containsExactly("unit");
        assertThat(commands.get("flush-cache.v2").argv()).containsExactly("/usr/local/bin/flush-cache", "--all");
    }

    @Test
    void reads_a_json_file_and_the_json_variable() throws Exception {
        Path file = dir.resolve("commands.json");
        Files.writeString(file, "{\"restart-api\": {\"argv\": [\"/bin/systemctl\", \"restart\", \"api\"]}}");

        var commands = ExecCommands.load(Map.of(), Optional.of(file.toString()),
                Optional.of("{\"restart-nginx\": [\"/bin/systemctl\", \"restart\", \"nginx\"]}"));

        assertThat(commands).containsOnlyKeys("restart-api", "restart-nginx");
        assertThat(commands.get("restart-nginx").argv()).containsExactly("/bin/systemctl", "restart", "nginx");
    }

    @Test
    void a_file_entry_replaces_a_property_of_the_same_name_and_the_same_name_in_file_and_json_is_an_error() throws Exception {
        Path file = dir.resolve("commands.yaml");
        Files.writeString(file, "restart-demo: {argv: [/opt/demo/start], env: {DEMO_PORT: '8090'}}\n");
        var commands = ExecCommands.load(Map.of("restart-demo", List.of("/usr/local/bin/revive-restart-demo")),
                Optional.of(file.toString()), Optional.empty());
        assertThat(commands.get("restart-demo").argv()).containsExactly("/opt/demo/start");
        assertThat(commands.get("restart-demo").env()).containsEntry("DEMO_PORT", "8090");

        var e = catchThrowableOfType(ExecCommands.InvalidExecCommands.class, () -> ExecCommands.load(Map.of(),
                Optional.of(file.toString()), Optional.of("{\"restart-demo\": [\"/bin/true\"]}")));
        assertThat(e.getMessage()).contains("REVIVE_EXEC_COMMANDS: restart-demo: 'restart-demo' is already defined by "
                + "revive.actuator.exec.commands-file " + file + ": restart-demo");
    }

    @Test
    void reports_every_mistake_at_once_naming_where_it_is() {
        String json = """
                {"restart-nginx": {"argv": [], "timeot": "PT1S", "timeout": "soon", "env": {"1BAD": "x", "REVIVE_TARGET_ID": "y"},
                  "parameters": ["command", "Bad-Name"]},
                 "bad name": ["/bin/true"]}""";
        var e = catchThrowableOfType(ExecCommands.InvalidExecCommands.class,
                () -> ExecCommands.load(Map.of("restart-demo", List.of("/bin/true")), Optional.empty(), Optional.of(json)));

        assertThat(e.getMessage()).contains(
                "REVIVE_EXEC_COMMANDS: restart-nginx.timeot: unknown field",
                "REVIVE_EXEC_COMMANDS: restart-nginx.argv: must name a program",
                "REVIVE_EXEC_COMMANDS: restart-nginx.timeout: 'soon' is not an ISO-8601 duration",
                "REVIVE_EXEC_COMMANDS: restart-nginx.env.1BAD: not a variable name",
                "REVIVE_EXEC_COMMANDS: restart-nginx.env.REVIVE_TARGET_ID: set by the actuator itself",
                "'command' must be a camelCase name", "'Bad-Name' must be a camelCase name",
                "REVIVE_EXEC_COMMANDS: bad name: name must be");
    }

    @Test
    void reports_an_unreadable_file_and_invalid_json() {
        var e = catchThrowableOfType(ExecCommands.InvalidExecCommands.class,
                () -> ExecCommands.load(Map.of(), Optional.of(dir.resolve("missing.yaml").toString()), Optional.of("{nope")));

        assertThat(e.getMessage()).contains("revive.actuator.exec.commands-file " + dir.resolve("missing.yaml") + " cannot be read",
                "REVIVE_EXEC_COMMANDS is not valid JSON");
    }

    @Test
    void names_parameters_variables_in_upper_snake_case() {
        assertThat(ExecCommand.parameterVariable("unitName")).isEqualTo("REVIVE_PARAM_UNIT_NAME");
        assertThat(ExecCommand.parameterVariable("unit")).isEqualTo("REVIVE_PARAM_UNIT");
    }
}
