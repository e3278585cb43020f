package dev.revive.common.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class ApiKeysTest {

    private final List<String> warnings = new ArrayList<>();

    private ApiKeys keys(boolean anonymousReads) {
        return new ApiKeys(List.of(ApiKeys.sha256("v") + ":viewer", ApiKeys.sha256("o") + ":operator",
                ApiKeys.sha256("a") + ":admin", ApiKeys.sha256("x") + ":root"), anonymousReads, warnings::add);
    }

    @Test
    void a_viewer_reads_an_operator_writes_and_only_an_admin_administers() {
        ApiKeys k = keys(false);
        assertThat(k.check("GET", "Bearer v", false).allowed()).isTrue();
        assertThat(k.check("POST", "Bearer v", false).status()).isEqualTo(403);
        assertThat(k.check("POST", "Bearer o", false).allowed()).isTrue();
        assertThat(k.check("GET", "Bearer o", true).status()).isEqualTo(403);
        assertThat(k.check("DELETE", "bearer a", true).caller().principal()).startsWith("admin:");
    }

    @Test
    void without_a_known_key_only_reads_pass_and_only_when_anonymous_reads_are_on() {
        assertThat(keys(false).check("GET", null, false).status()).isEqualTo(401);
        assertThat(keys(true).check("GET", null, false).allowed()).isTrue();
        assertThat(keys(true).check("GET", null, false).caller()).isNull();
        assertThat(keys(true).check("POST", "Bearer nope", false).status()).isEqualTo(401);
        assertThat(keys(true).check("GET", null, true).status()).isEqualTo(401);
    }

    @Test
    void an_entry_with_an_unknown_role_is_ignored_and_reported_without_its_key() {
        ApiKeys k = keys(false);
        assertThat(k.check("GET", "Bearer x", false).status()).isEqualTo(401);
        assertThat(warnings).singleElement().asString().contains("'root'").doesNotContain(ApiKeys.sha256("x"));
    }
}
