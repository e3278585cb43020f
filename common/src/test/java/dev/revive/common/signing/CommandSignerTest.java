package dev.revive.common.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.revive.common.contract.RecoveryCommand;

class CommandSignerTest {

    static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final String KEYS = "k1:0123456789abcdef0123456789abcdef,k2:fedcba9876543210fedcba9876543210";

    final CommandSigner signer = CommandSigner.fromConfig(KEYS, "k1", CLOCK);

    static RecoveryCommand command() {
        return new RecoveryCommand("c1", "inc-1", "web-1", 1, "exec", Map.of("command", "restart-demo"), NOW,
                NOW.plusSeconds(300), null, null);
    }

    @Test
    void a_signed_command_verifies() {
        RecoveryCommand signed = signer.sign(command());
        assertThat(signed.keyId()).isEqualTo("k1");
        assertThat(signed.signature()).isNotBlank();
        assertThatCode(() -> signer.verify(signed)).doesNotThrowAnyException();
    }

    @Test
    void a_command_signed_with_an_older_key_still_verifies_while_the_key_is_held() {
        RecoveryCommand signedWithK2 = CommandSigner.fromConfig(KEYS, "k2", CLOCK).sign(command());
        assertThatCode(() -> signer.verify(signedWithK2)).doesNotThrowAnyException();
    }

    @Test
    void a_tampered_parameter_is_rejected() {
        RecoveryCommand signed = signer.sign(command());
        RecoveryCommand tampered = new RecoveryCommand(signed.commandId(), signed.incidentId(), signed.targetId(),
                signed.step(), signed.action(), Map.of("command", "rm-everything"), signed.issuedAt(), signed.expiresAt(),
                signed.keyId(), signed.signature());
        assertReason(tampered, SignatureException.Reason.BAD_SIGNATURE);
    }

    @Test
    void a_tampered_action_or_target_is_rejected() {
        RecoveryCommand s = signer.sign(command());
        assertReason(new RecoveryCommand(s.commandId(), s.incidentId(), s.targetId(), s.step(), "aws-ec2-reboot",
                s.params(), s.issuedAt(), s.expiresAt(), s.keyId(), s.signature()), SignatureException.Reason.BAD_SIGNATURE);
        assertReason(new RecoveryCommand(s.commandId(), s.incidentId(), "web-2", s.step(), s.action(),
                s.params(), s.issuedAt(), s.expiresAt(), s.keyId(), s.signature()), SignatureException.Reason.BAD_SIGNATURE);
    }

    @Test
    void an_expired_command_is_rejected() {
        RecoveryCommand signed = signer.sign(command());
        CommandSigner later = CommandSigner.fromConfig(KEYS, "k1", Clock.fixed(NOW.plusSeconds(301), ZoneOffset.UTC));
        assertThatThrownBy(() -> later.verify(signed)).isInstanceOfSatisfying(SignatureException.class,
                e -> assertThat(e.reason()).isEqualTo(SignatureException.Reason.EXPIRED));
    }

    @Test
    void an_unknown_key_is_rejected() {
        RecoveryCommand other = CommandSigner.fromConfig("k9:zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz", "k9", CLOCK).sign(command());
        assertReason(other, SignatureException.Reason.UNKNOWN_KEY);
    }

    @Test
    void an_unsigned_command_is_rejected() {
        assertReason(command(), SignatureException.Reason.UNSIGNED);
    }

    @Test
    void short_keys_are_refused() {
        assertThatThrownBy(() -> CommandSigner.fromConfig("k1:short", "k1", CLOCK))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("shorter than 32 bytes");
    }

    @Test
    void the_canonical_form_cannot_be_shifted_between_fields() {
        var a = new RecoveryCommand("c1", "inc-1", "web-1", 1, "exec", Map.of("command", "a\nparam.x=1:b"), NOW, NOW, "k", null);
        var b = new RecoveryCommand("c1", "inc-1", "web-1", 1, "exec", Map.of("command", "a", "x", "b"), NOW, NOW, "k", null);
        assertThat(a.canonicalBytes()).isNotEqualTo(b.canonicalBytes());
    }

    private void assertReason(RecoveryCommand c, SignatureException.Reason reason) {
        assertThatThrownBy(() -> signer.verify(c)).isInstanceOfSatisfying(SignatureException.class,
                e -> assertThat(e.reason()).isEqualTo(reason));
    }
}
