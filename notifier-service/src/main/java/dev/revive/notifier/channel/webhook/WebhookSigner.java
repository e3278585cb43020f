package dev.revive.notifier.channel.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The generic webhook's signature: {@code X-Revive-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">} with
 * {@code X-Revive-Timestamp: <epoch seconds>}. A receiver recomputes it with the shared secret and rejects stale
 * timestamps, so a captured request cannot be replayed later.
 */
public final class WebhookSigner {

    public static final String SIGNATURE_HEADER = "X-Revive-Signature";
    public static final String TIMESTAMP_HEADER = "X-Revive-Timestamp";
    public static final String PREFIX = "sha256=";

    private WebhookSigner() {
    }

    public static String sign(String secret, long epochSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((epochSeconds + ".").getBytes(StandardCharsets.UTF_8));
            return PREFIX + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
