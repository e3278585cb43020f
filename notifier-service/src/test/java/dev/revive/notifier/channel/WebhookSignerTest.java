package dev.revive.notifier.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import dev.revive.notifier.channel.webhook.WebhookSigner;

class WebhookSignerTest {

    @Test
    void signature_is_hmac_sha256_of_timestamp_dot_body() {
        // Reference value: printf '1700000000.{"a":1}' | openssl dgst -sha256 -hmac s3cret
        assertThat(WebhookSigner.sign("s3cret", 1_700_000_000L, "{\"a\":1}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("sha256=" + OPENSSL);
    }

    @Test
    void another_timestamp_gives_another_signature() {
        byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        assertThat(WebhookSigner.sign("s3cret", 1_700_000_001L, body)).isNotEqualTo(WebhookSigner.sign("s3cret", 1_700_000_000L, body));
    }

    private static final String OPENSSL = "1698a50bc74d1ff1db85c4e0a5297c2ad9fdba245d5737cdb789e4cc6e098940";
}
