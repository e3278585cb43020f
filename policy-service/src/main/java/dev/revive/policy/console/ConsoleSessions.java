package dev.revive.policy.console;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.revive.common.security.ApiKeys;

/**
 * Console sessions as signed cookies: {@code base64url(role|principal|expiresEpochSecond|nonce).base64url(hmac)}.
 * Nothing is stored on the server, so every replica that shares the secret accepts the cookie; a session ends when
 * it expires or the secret changes. The CSRF token of a session is an HMAC of its cookie under a second label, so a
 * page can carry it in its forms and a cross-site form cannot know it.
 */
public final class ConsoleSessions {

    /** Who is signed in. */
    public record Session(ApiKeys.Role role, String principal, Instant expires, String cookie) {
        public boolean operator() {
            return role == ApiKeys.Role.OPERATOR || role == ApiKeys.Role.ADMIN;
        }
    }

    public static final String COOKIE = "revive_session";

    private final byte[] secret;
    private final Duration ttl;

    public ConsoleSessions(Optional<String> secret, Duration ttl) {
        if (secret.isPresent() && secret.get().length() < 32) {
            throw new IllegalArgumentException("revive.console.session-secret must be at least 32 characters");
        }
        byte[] s;
        if (secret.isPresent()) {
            s = secret.get().getBytes(StandardCharsets.UTF_8);
        } else {
            s = new byte[32];
            new SecureRandom().nextBytes(s);
        }
        this.secret = s;
        this.ttl = ttl;
    }

    /** A new session's cookie value. */
    public String open(ApiKeys.Role role, String principal, Instant now) {
        byte[] nonce = new byte[12];
        new SecureRandom().nextBytes(nonce);
        String body = role.label() + "|" + principal.replace("|", "") + "|" + now.plus(ttl).getEpochSecond() + "|"
                + Base64.getUrlEncoder().withoutPadding().encodeToString(nonce);
        String b = Base64.getUrlEncoder().withoutPadding().encodeToString(body.getBytes(StandardCharsets.UTF_8));
        return b + "." + mac("session", b);
    }

    /** The session a cookie value carries, when its signature holds and it has not expired. */
    public Optional<Session> read(String cookie, Instant now) {
        if (cookie == null || cookie.length() > 512) {
            return Optional.empty();
        }
        int dot = cookie.indexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        String b = cookie.substring(0, dot);
        if (!equal(mac("session", b), cookie.substring(dot + 1))) {
            return Optional.empty();
        }
        String[] parts;
        try {
            parts = new String(Base64.getUrlDecoder().decode(b), StandardCharsets.UTF_8).split("\\|");
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (parts.length != 4) {
            return Optional.empty();
        }
        Instant expires;
        ApiKeys.Role role;
        try {
            expires = Instant.ofEpochSecond(Long.parseLong(parts[2]));
            role = ApiKeys.Role.valueOf(parts[0].toUpperCase());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!now.isBefore(expires)) {
            return Optional.empty();
        }
        return Optional.of(new Session(role, parts[1], expires, cookie));
    }

    /** The CSRF token forms of this session must carry. */
    public String csrf(Session s) {
        return mac("csrf", s.cookie());
    }

    public boolean csrfMatches(Session s, String token) {
        return token != null && equal(csrf(s), token);
    }

    public Duration ttl() {
        return ttl;
    }

    private String mac(String label, String data) {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(new SecretKeySpec(secret, "HmacSHA256"));
            m.update(label.getBytes(StandardCharsets.UTF_8));
            m.update((byte) 0);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(m.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean equal(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
