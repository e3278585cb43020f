package dev.revive.common.signing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.revive.common.contract.RecoveryCommand;

/**
 * HMAC-SHA256 signing and verification of {@link RecoveryCommand}s over their canonical bytes. Keys have ids so
 * that they can be rotated: the signer signs with its active key and verifies with any key it holds.
 */
public final class CommandSigner {

    /** Clock skew tolerated on {@code issuedAt}. */
    public static final Duration SKEW = Duration.ofSeconds(30);

    private final Map<String, byte[]> keys;
    private final String activeKeyId;
    private final Clock clock;

    public CommandSigner(Map<String, byte[]> keys, String activeKeyId, Clock clock) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("at least one signing key is needed");
        }
        if (activeKeyId != null && !keys.containsKey(activeKeyId)) {
            throw new IllegalArgumentException("active key id '" + activeKeyId + "' is not among the keys");
        }
        for (var e : keys.entrySet()) {
            if (e.getValue().length < 32) {
                throw new IllegalArgumentException("key '" + e.getKey() + "' is shorter than 32 bytes");
            }
        }
        this.keys = Map.copyOf(keys);
        this.activeKeyId = activeKeyId == null ? keys.keySet().iterator().next() : activeKeyId;
        this.clock = clock;
    }

    /**
     * Builds a signer from configuration text: {@code keyId:secret[,keyId:secret...]}. A secret is taken as UTF-8
     * text (at least 32 bytes); prefix it with {@code base64:} to give raw bytes.
     */
    public static CommandSigner fromConfig(String keysSpec, String activeKeyId, Clock clock) {
        Map<String, byte[]> keys = new LinkedHashMap<>();
        for (String part : keysSpec.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            int colon = p.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("signing key entry must be keyId:secret");
            }
            String secret = p.substring(colon + 1);
            byte[] bytes = secret.startsWith("base64:") ? Base64.getDecoder().decode(secret.substring(7))
                    : secret.getBytes(StandardCharsets.UTF_8);
            keys.put(p.substring(0, colon), bytes);
        }
        return new CommandSigner(keys, activeKeyId, clock);
    }

    /** Returns the command signed with the active key (any previous signature is replaced). */
    public RecoveryCommand sign(RecoveryCommand command) {
        RecoveryCommand withKey = command.withSignature(activeKeyId, null);
        return withKey.withSignature(activeKeyId, mac(keys.get(activeKeyId), withKey.canonicalBytes()));
    }

    /** Checks key, signature and validity window; throws {@link SignatureException} naming the failed check. */
    public void verify(RecoveryCommand command) {
        if (command.signature() == null || command.signature().isBlank() || command.keyId() == null) {
            throw new SignatureException(SignatureException.Reason.UNSIGNED, "command is not signed");
        }
        byte[] key = keys.get(command.keyId());
        if (key == null) {
            throw new SignatureException(SignatureException.Reason.UNKNOWN_KEY, "unknown signing key '" + command.keyId() + "'");
        }
        byte[] expected = mac(key, command.canonicalBytes()).getBytes(StandardCharsets.US_ASCII);
        byte[] actual = command.signature().getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, actual)) {
            throw new SignatureException(SignatureException.Reason.BAD_SIGNATURE, "signature does not match the command");
        }
        Instant now = clock.instant();
        if (command.expiresAt() == null || !now.isBefore(command.expiresAt())) {
            throw new SignatureException(SignatureException.Reason.EXPIRED, "command expired at " + command.expiresAt());
        }
        if (command.issuedAt() != null && command.issuedAt().isAfter(now.plus(SKEW))) {
            throw new SignatureException(SignatureException.Reason.NOT_YET_VALID, "command issued in the future");
        }
    }

    private static String mac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(data));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
