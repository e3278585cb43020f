package dev.revive.notifier;

import static dev.revive.notifier.support.Requests.id;
import static dev.revive.notifier.support.Requests.opened;
import static dev.revive.notifier.support.Requests.to;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.revive.common.contract.Channel;
import dev.revive.common.contract.DeliveryReceipt;
import dev.revive.common.envelope.Json;
import dev.revive.notifier.support.DeadLetters;
import dev.revive.notifier.support.Requests;
import dev.revive.notifier.support.WebhookReceiver;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class WebhookDeliveryIT extends OnRealInfrastructure {

    /** The secret the test profile configures; the receiver verifies with its own copy. */
    private static final String SECRET = "test-webhook-secret";

    @Test
    void webhook_receives_a_request_whose_signature_the_receiver_verifies() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(204)) {
            var request = opened(id(), "t-" + id(), to(Channel.WEBHOOK, receiver.url("/hooks/revive")));
            Requests.publish(topics, request);

            await().atMost(Duration.ofSeconds(60)).until(() -> receiver.received().size() == 1);
            var got = receiver.received().get(0);
            String ts = got.header("X-Revive-Timestamp");
            assertThat(Math.abs(Instant.now().getEpochSecond() - Long.parseLong(ts))).isLessThan(300);
            assertThat(constantTimeEquals(got.header("X-Revive-Signature"), expectedSignature(ts, got.body()))).isTrue();
            assertThat(constantTimeEquals(got.header("X-Revive-Signature"),
                    expectedSignature(Long.toString(Long.parseLong(ts) + 1), got.body()))).isFalse();
            assertThat(got.header("X-Revive-Notification-Id")).isEqualTo(request.notificationId());
            JsonNode body = Json.MAPPER.readTree(got.body());
            assertThat(body.path("notificationId").asText()).isEqualTo(request.notificationId());
            assertThat(body.path("kind").asText()).isEqualTo("OPENED");
            assertThat(body.path("subject").asText()).contains("restart planned at 10:30");
            assertThat(body.path("request").path("links").path("hold").asText()).isEqualTo(request.links().get("hold"));

            DeliveryReceipt receipt = Requests.receipt(topics, request.notificationId());
            assertThat(receipt.status()).isEqualTo(DeliveryReceipt.Status.DELIVERED);
            assertThat(receipt.channel()).isEqualTo(Channel.WEBHOOK);
        }
    }

    @Test
    void slack_webhook_receives_the_message_as_text() throws Exception {
        try (WebhookReceiver slack = new WebhookReceiver(200)) {
            var request = opened(id(), "t-" + id(), to(Channel.SLACK, slack.url("/services/T000/B000/XXXX")));
            Requests.publish(topics, request);

            await().atMost(Duration.ofSeconds(60)).until(() -> slack.received().size() == 1);
            JsonNode body = Json.MAPPER.readTree(slack.received().get(0).body());
            assertThat(body.size()).isEqualTo(1);
            assertThat(body.path("text").asText())
                    .startsWith("*[Revive] shop.example.com is down: restart planned at 10:30 unless you hold it*")
                    .contains(request.links().get("hold"));
            assertThat(Requests.receipt(topics, request.notificationId()).status()).isEqualTo(DeliveryReceipt.Status.DELIVERED);
        }
    }

    @Test
    void endpoint_failing_past_the_retry_cap_gives_a_failed_receipt_and_a_dead_letter() throws Exception {
        try (WebhookReceiver broken = new WebhookReceiver(503)) {
            var request = opened(id(), "t-" + id(), to(Channel.WEBHOOK, broken.url("/down")));
            Requests.publish(topics, request);

            DeliveryReceipt receipt = Requests.receipt(topics, request.notificationId());
            assertThat(receipt.status()).isEqualTo(DeliveryReceipt.Status.FAILED);
            assertThat(receipt.attempts()).isEqualTo(8);
            assertThat(receipt.reason()).contains("gave up after 8 attempts").contains("HTTP 503");
            assertThat(broken.received()).hasSize(8);
            await().atMost(Duration.ofSeconds(30)).until(() -> !DeadLetters.containing(request.notificationId()).isEmpty());
            var dead = DeadLetters.containing(request.notificationId());
            assertThat(dead).hasSize(1);
            assertThat(dead.get(0).reason()).contains("WEBHOOK").contains("HTTP 503");
            assertThat(dead.get(0).key()).isEqualTo(request.targetId());
        }
    }

    @Test
    void webhook_answering_a_client_error_is_not_retried() throws Exception {
        try (WebhookReceiver gone = new WebhookReceiver(410)) {
            var request = opened(id(), "t-" + id(), to(Channel.WEBHOOK, gone.url("/gone")));
            Requests.publish(topics, request);

            DeliveryReceipt receipt = Requests.receipt(topics, request.notificationId());
            assertThat(receipt.status()).isEqualTo(DeliveryReceipt.Status.FAILED);
            assertThat(receipt.attempts()).isEqualTo(1);
            assertThat(gone.received()).hasSize(1);
        }
    }

    @Test
    void failing_webhook_receipt_and_dead_letter_do_not_carry_the_secret_part_of_its_url() throws Exception {
        try (WebhookReceiver gone = new WebhookReceiver(404)) {
            String token = "tok" + id().replace("-", "");
            var request = opened(id(), "t-" + id(), to(Channel.SLACK, gone.url("/services/T000/B000/" + token)));
            Requests.publish(topics, request);

            DeliveryReceipt receipt = Requests.receipt(topics, request.notificationId());
            assertThat(receipt.status()).isEqualTo(DeliveryReceipt.Status.FAILED);
            assertThat(receipt.toString()).doesNotContain(token, "/services/T000");
            assertThat(receipt.recipient()).startsWith("http://").endsWith("/…");
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                    .until(() -> !DeadLetters.containing(request.notificationId()).isEmpty());
            assertThat(DeadLetters.containing(request.notificationId()).get(0).reason()).doesNotContain(token);
        }
    }

    private static String expectedSignature(String ts, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update((ts + ".").getBytes(StandardCharsets.UTF_8));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    }

    private static boolean constantTimeEquals(String a, String b) {
        return a != null && MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
