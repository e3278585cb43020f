package dev.revive.policy.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed, expiring tokens for the hold/ack links in notifications: {@code base64url(incident|action|expiry)} dot
 * {@code base64url(HMAC-SHA256)}. Whoever holds the link may do that one thing to that one incident until it
 * expires, without an API key.
 */
public final class LinkTokens {

    /** What a valid token allows. */
    public record Grant(String incidentId, String action, Instant expiresAt) {
    }

    /** A token that is malformed, forged or expired. */
    public static class InvalidToken extends RuntimeException {
        public InvalidToken(String message) {
            super(message);
        }
    }

    private final byte[] secret;
    private final Duration ttl;
    private final Clock clock;

    public LinkTokens(String secret, Duration ttl, Clock clock) {
        if (secret == null || secret.getBytes(StandardCharsets.UTF_8).length < 32) {
            throw new IllegalArgumentException("revive.links.secret must be at least 32 bytes");
        }
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.ttl = ttl;
        this.clock = clock;
    }

    public String issue(String incidentId, String action) {
        long exp = clock.instant().plus(ttl).getEpochSecond();
        String body = incidentId + "|" + action + "|" + exp;
        String b = Base64.getUrlEncoder().withoutPadding().encodeToString(body.getBytes(StandardCharsets.UTF_8));
        return b + "." + mac(b);
    }

    public Grant verify(String token) {
        int dot = token == null ? -1 : token.indexOf('.');
        if (dot <= 0) {
            throw new InvalidToken("malformed link token");
        }
        String b = token.substring(0, dot);
        if (!MessageDigest.isEqual(mac(b).getBytes(StandardCharsets.US_ASCII),
                token.substring(dot + 1).getBytes(StandardCharsets.US_ASCII))) {
            throw new InvalidToken("link token signature does not match");
        }
        String[] parts;
        try {
            parts = new String(Base64.getUrlDecoder().decode(b), StandardCharsets.UTF_8).split("\\|");
        } catch (IllegalArgumentException e) {
            throw new InvalidToken("malformed link token");
        }
        if (parts.length != 3) {
            throw new InvalidToken("malformed link token");
        }
        Instant exp = Instant.ofEpochSecond(Long.parseLong(parts[2]));
        if (!clock.instant().isBefore(exp)) {
            throw new InvalidToken("link expired at " + exp);
        }
        return new Grant(parts[0], parts[1], exp);
    }

    private String mac(String data) {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(new SecretKeySpec(secret, "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(m.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
