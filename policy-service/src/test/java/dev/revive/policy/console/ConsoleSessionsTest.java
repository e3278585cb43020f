package dev.revive.policy.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.revive.common.security.ApiKeys.Role;

class ConsoleSessionsTest {

    static final Optional<String> SECRET = Optional.of("a-console-session-secret-of-32-chars!");
    final ConsoleSessions sessions = new ConsoleSessions(SECRET, Duration.ofHours(1));
    final Instant now = Instant.parse("2026-12-02T12:00:00Z");

    @Test
    void a_cookie_carries_its_role_until_it_expires() {
        String c = sessions.open(Role.OPERATOR, "operator:abcd1234", now);
        var s = sessions.read(c, now.plusSeconds(3599)).orElseThrow();
        assertThat(s.role()).isEqualTo(Role.OPERATOR);
        assertThat(s.principal()).isEqualTo("operator:abcd1234");
        assertThat(s.operator()).isTrue();
        assertThat(sessions.read(c, now.plusSeconds(3600))).isEmpty();
    }

    @Test
    void a_changed_cookie_or_another_secret_is_refused() {
        String c = sessions.open(Role.VIEWER, "viewer:1", now);
        String body = c.substring(0, c.indexOf('.'));
        String forged = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(java.util.Base64.getUrlDecoder().decode(body)).replace("viewer", "admin").getBytes()) + c.substring(c.indexOf('.'));
        assertThat(sessions.read(forged, now)).isEmpty();
        assertThat(sessions.read(c + "x", now)).isEmpty();
        assertThat(sessions.read("garbage", now)).isEmpty();
        assertThat(sessions.read(null, now)).isEmpty();
        assertThat(new ConsoleSessions(Optional.of("another-secret-of-at-least-32-chars-!"), Duration.ofHours(1)).read(c, now)).isEmpty();
        assertThat(sessions.read(c, now).orElseThrow().operator()).isFalse();
    }

    @Test
    void the_csrf_token_belongs_to_one_session() {
        var a = sessions.read(sessions.open(Role.OPERATOR, "operator:1", now), now).orElseThrow();
        var b = sessions.read(sessions.open(Role.OPERATOR, "operator:1", now), now).orElseThrow();
        assertThat(sessions.csrfMatches(a, sessions.csrf(a))).isTrue();
        assertThat(sessions.csrfMatches(a, sessions.csrf(b))).isFalse();
        assertThat(sessions.csrfMatches(a, null)).isFalse();
    }

    @Test
    void a_short_secret_is_refused_at_start() {
        assertThatThrownBy(() -> new ConsoleSessions(Optional.of("short"), Duration.ofHours(1))).hasMessageContaining("32");
    }
}
