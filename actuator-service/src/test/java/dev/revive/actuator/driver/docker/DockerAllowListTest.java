package dev.revive.actuator.driver.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class DockerAllowListTest {

    static ContainerState container(String name, Map<String, String> labels) {
        return new ContainerState("0123456789abcdef", name, labels, "running", true, "2026-12-02T15:08:05Z");
    }

    @Test
    void allows_a_listed_name_or_a_listed_label() {
        DockerAllowList list = new DockerAllowList(List.of("web"), List.of("revive.restart=true", "revive.any"));

        assertThat(list.refusal(container("web", Map.of()))).isEmpty();
        assertThat(list.refusal(container("api", Map.of("revive.restart", "true")))).isEmpty();
        assertThat(list.refusal(container("api", Map.of("revive.any", "")))).isEmpty();
    }

    @Test
    void refuses_other_names_and_other_label_values_and_says_what_is_allowed() {
        DockerAllowList list = new DockerAllowList(List.of("web"), List.of("revive.restart=true"));

        assertThat(list.refusal(container("db", Map.of("revive.restart", "false")))).hasValue(
                "container 'db' is not allow-listed: its name is not in allowed-names [web] and it has none of the "
                        + "allowed-labels [revive.restart=true]");
        assertThat(list.refusal(container("web-2", Map.of()))).isPresent();
    }

    @Test
    void allows_nothing_when_both_lists_are_empty() {
        DockerAllowList list = new DockerAllowList(List.of(" "), List.of());

        assertThat(list.isEmpty()).isTrue();
        assertThat(list.refusal(container("web", Map.of("revive.restart", "true")))).get().asString()
                .startsWith("no container is allow-listed on this actuator");
    }
}
