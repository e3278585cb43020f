package dev.revive.common.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;

import dev.revive.common.contract.TargetSpec;
import dev.revive.common.envelope.Json;

class StrictJsonTest {

    static final ObjectMapper STRICT = StrictJson.strict(Json.configure(JsonMapper.builder().build()), false);

    @Test
    void an_unknown_field_is_refused_with_its_path() {
        assertThatThrownBy(() -> STRICT.readValue("{\"id\":\"a\",\"probe\":{\"kind\":\"HTTP\",\"timeoutMS\":5}}", TargetSpec.class))
                .isInstanceOfSatisfying(UnrecognizedPropertyException.class, e -> {
                    assertThat(e.getPropertyName()).isEqualTo("timeoutMS");
                    assertThat(e.getPath()).extracting(r -> r.getFieldName()).containsExactly("probe", "timeoutMS");
                });
    }

    @Test
    void a_fraction_or_a_string_is_not_a_whole_number() {
        assertThatThrownBy(() -> STRICT.readValue("{\"probe\":{\"timeoutMs\":1.5}}", TargetSpec.class))
                .isInstanceOf(MismatchedInputException.class);
        assertThatThrownBy(() -> STRICT.readValue("{\"probe\":{\"timeoutMs\":\"5\"}}", TargetSpec.class))
                .isInstanceOf(MismatchedInputException.class);
        assertThatThrownBy(() -> STRICT.readValue("{\"probe\":{\"port\":\"\"}}", TargetSpec.class))
                .isInstanceOf(MismatchedInputException.class);
        assertThatThrownBy(() -> STRICT.readValue("{\"probe\":{\"keepAlive\":1}}", TargetSpec.class))
                .isInstanceOf(MismatchedInputException.class);
        assertThatThrownBy(() -> STRICT.readValue("{\"name\":5}", TargetSpec.class)).isInstanceOf(MismatchedInputException.class);
        assertThatThrownBy(() -> STRICT.readValue("{\"probe\":{\"kind\":0}}", TargetSpec.class)).isInstanceOf(MismatchedInputException.class);
    }

    @Test
    void a_key_given_twice_or_trailing_text_is_refused() {
        assertThatThrownBy(() -> STRICT.readValue("{\"id\":\"a\",\"id\":\"b\"}", TargetSpec.class))
                .hasMessageContaining("Duplicate field 'id'");
        assertThatThrownBy(() -> STRICT.readValue("{\"id\":\"a\"} {}", TargetSpec.class)).isInstanceOf(MismatchedInputException.class);
    }

    @Test
    void the_wire_mapper_stays_tolerant() throws Exception {
        TargetSpec t = Json.MAPPER.readValue("{\"id\":\"a\",\"probe\":{\"kind\":\"HTTP\",\"timeoutMs\":5,\"newField\":1},\"later\":true}",
                TargetSpec.class);
        assertThat(t.probe().timeoutMs()).isEqualTo(5L);
        assertThat(STRICT.readValue("{\"id\":\"a\",\"probe\":{\"kind\":\"HTTP\",\"timeoutMs\":5}}", TargetSpec.class).probe().timeoutMs())
                .isEqualTo(5L);
    }

    @Test
    void a_retry_interval_is_read_strictly_and_written_back() throws Exception {
        TargetSpec t = STRICT.readValue("{\"id\":\"a\",\"probe\":{\"kind\":\"HTTP\",\"url\":\"http://a.example\","
                + "\"intervalMs\":30000,\"retryIntervalMs\":200}}", TargetSpec.class);
        assertThat(t.probe().retryIntervalMs()).isEqualTo(200L);
        assertThat(Json.MAPPER.writeValueAsString(t)).contains("\"retryIntervalMs\":200");
        assertThat(STRICT.readValue(Json.MAPPER.writeValueAsString(t), TargetSpec.class)).isEqualTo(t);
        assertThatThrownBy(() -> STRICT.readValue("{\"probe\":{\"retryIntervalMs\":0.5}}", TargetSpec.class))
                .isInstanceOf(MismatchedInputException.class);
    }
}
