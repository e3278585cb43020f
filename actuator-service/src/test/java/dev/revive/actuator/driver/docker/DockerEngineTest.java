package dev.revive.actuator.driver.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** How the engine's answers are read: the inspect document and its error bodies. */
class DockerEngineTest {

    @Test
    void reads_name_labels_and_state_of_an_inspect_answer() throws IOException {
        ContainerState c = DockerEngine.parse("""
                {"Id":"b07540f6d02fd3606c1ebb0e872510686bb0bfe98524092ae11718593d063628","Name":"/revive-httpd-1",
                 "State":{"Status":"running","Running":true,"StartedAt":"2026-12-02T15:08:05.309545351Z"},
                 "Config":{"Labels":{"revive.restart":"true","com.docker.compose.service":"httpd"}}}
                """.getBytes(StandardCharsets.UTF_8));

        assertThat(c.name()).isEqualTo("revive-httpd-1");
        assertThat(c.shortId()).isEqualTo("b07540f6d02f");
        assertThat(c.labels()).containsEntry("revive.restart", "true");
        assertThat(c.running()).isTrue();
        assertThat(c.status()).isEqualTo("running");
        assertThat(c.startedAt()).isEqualTo("2026-12-02T15:08:05.309545351Z");
    }

    @Test
    void a_container_without_labels_has_an_empty_map() throws IOException {
        ContainerState c = DockerEngine.parse("""
                {"Id":"abc","Name":"/x","State":{"Status":"exited","Running":false},"Config":{"Labels":null}}
                """.getBytes(StandardCharsets.UTF_8));

        assertThat(c.labels()).isEmpty();
        assertThat(c.running()).isFalse();
    }

    @Test
    void an_error_carries_the_engines_message_or_the_raw_body() {
        var json = DockerEngine.error("POST /v1.41/containers/x/restart?t=10", new HttpResponse(409, "Conflict", Map.of(),
                "{\"message\":\"Container x is paused, unpause the container before stopping or killing\"}"
                        .getBytes(StandardCharsets.UTF_8)));
        var text = DockerEngine.error("GET /v1.41/containers/x/json",
                new HttpResponse(502, "Bad Gateway", Map.of(), "upstream down".getBytes(StandardCharsets.UTF_8)));
        var empty = DockerEngine.error("GET /x", new HttpResponse(500, "Internal Server Error", Map.of(), new byte[0]));

        assertThat(json.status()).isEqualTo(409);
        assertThat(json.engineMessage()).isEqualTo("Container x is paused, unpause the container before stopping or killing");
        assertThat(text.engineMessage()).isEqualTo("upstream down");
        assertThat(empty.getMessage()).isEqualTo("GET /x answered 500: Internal Server Error");
    }
}
