package dev.revive.policy.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class LinkTokensTest {

    static final String SECRET = "unit-test-link-secret-0123456789abcdef";
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void a_token_grants_its_action_on_its_incident() {
        var tokens = new LinkTokens(SECRET, Duration.ofHours(1), Clock.fixed(T0, ZoneOffset.UTC));
        var g = tokens.verify(tokens.issue("inc-1", "hold"));
        assertThat(g.incidentId()).isEqualTo("inc-1");
        assertThat(g.action()).isEqualTo("hold");
    }

    @Test
    void a_tampered_token_is_refused() {
        var tokens = new LinkTokens(SECRET, Duration.ofHours(1), Clock.fixed(T0, ZoneOffset.UTC));
        String t = tokens.issue("inc-1", "ack");
        String forged = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("inc-2|ack|" + T0.plusSeconds(3600).getEpochSecond()).getBytes()) + t.substring(t.indexOf('.'));
        assertThatThrownBy(() -> tokens.verify(forged)).isInstanceOf(LinkTokens.InvalidToken.class);
    }

    @Test
    void an_expired_token_is_refused() {
        String t = new LinkTokens(SECRET, Duration.ofHours(1), Clock.fixed(T0, ZoneOffset.UTC)).issue("inc-1", "hold");
        var later = new LinkTokens(SECRET, Duration.ofHours(1), Clock.fixed(T0.plusSeconds(3601), ZoneOffset.UTC));
        assertThatThrownBy(() -> later.verify(t)).isInstanceOf(LinkTokens.InvalidToken.class).hasMessageContaining("expired");
    }
}
