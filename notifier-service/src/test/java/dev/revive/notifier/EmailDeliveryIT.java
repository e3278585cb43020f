package dev.revive.notifier;

import static dev.revive.notifier.support.Requests.email;
import static dev.revive.notifier.support.Requests.id;
import static dev.revive.notifier.support.Requests.opened;
import static dev.revive.notifier.support.Requests.to;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.revive.common.contract.Channel;
import dev.revive.common.contract.DeliveryReceipt;
import dev.revive.notifier.support.ChannelStubsResource;
import dev.revive.notifier.support.Mailbox;
import dev.revive.notifier.support.Requests;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.mail.internet.MimeMessage;

@QuarkusTest
class EmailDeliveryIT extends OnRealInfrastructure {

    @Test
    void opened_email_reaches_the_smtp_server_with_subject_timeline_and_hold_and_ack_links() throws Exception {
        String admin = email();
        String target = "t-" + id();
        var request = opened(id(), target, to(Channel.EMAIL, admin));
        Requests.publish(topics, request);

        await().atMost(Duration.ofSeconds(60)).until(() -> Mailbox.of(admin).size() == 1);
        MimeMessage mail = Mailbox.of(admin).get(0);
        // 09:30 UTC is 10:30 in Europe/Paris, the zone the test profile configures.
        assertThat(Mailbox.subject(mail))
                .isEqualTo("[Revive] shop.example.com is down: restart planned at 10:30 unless you hold it");
        assertThat(mail.getFrom()[0].toString()).isEqualTo("revive@notifier.test");
        String text = Mailbox.part(mail, "text/plain");
        assertThat(text)
                .contains("Revive will restart it at 10:30 (Europe/Paris) unless you hold it.")
                .contains("Hold the recovery: " + request.links().get("hold"))
                .contains("Acknowledge:       " + request.links().get("ack"))
                .contains("2025-01-15 10:24:10 Europe/Paris  first failed probe (HTTP 503)")
                .contains("status: 503");
        String html = Mailbox.part(mail, "text/html");
        assertThat(html)
                .contains("<a href=\"" + request.links().get("hold").replace("&", "&amp;") + "\">Hold the recovery</a>")
                .contains("<a href=\"" + request.links().get("ack") + "\">Acknowledge</a>")
                .contains("target DOWN, incident opened");
        assertThat(Mailbox.header(mail, "X-Revive-Notification-Id")).isEqualTo(request.notificationId());
        assertThat(Mailbox.header(mail, "X-Revive-Notification-Kind")).isEqualTo("OPENED");

        DeliveryReceipt receipt = Requests.receipt(topics, request.notificationId());
        assertThat(receipt.status()).isEqualTo(DeliveryReceipt.Status.DELIVERED);
        assertThat(receipt.channel()).isEqualTo(Channel.EMAIL);
        assertThat(receipt.recipient()).isEqualTo(admin);
        assertThat(receipt.targetId()).isEqualTo(target);
        assertThat(receipt.providerMessageId()).isEqualTo(Mailbox.header(mail, "Message-ID"));
    }

    @Test
    void request_delivered_three_times_sends_exactly_one_email() {
        String admin = email();
        String target = "t-" + id();
        var request = opened(id(), target, to(Channel.EMAIL, admin));
        for (int i = 0; i < 3; i++) {
            Requests.publish(topics, request);
        }
        // A later request on the same target (same partition, so consumed after the three) marks the end.
        var sentinel = opened(id(), target, to(Channel.EMAIL, admin));
        Requests.publish(topics, sentinel);

        Requests.receipt(topics, sentinel.notificationId());
        await().atMost(Duration.ofSeconds(60)).until(() -> Mailbox.of(admin).size() >= 2);
        List<String> ids = Mailbox.of(admin).stream().map(m -> Mailbox.header(m, "X-Revive-Notification-Id")).toList();
        assertThat(ids).containsExactlyInAnyOrder(request.notificationId(), sentinel.notificationId());
        given().header("Authorization", "Bearer test-admin-key").when().get("/deliveries/" + request.notificationId()).then().statusCode(200)
                .body("size()", org.hamcrest.Matchers.equalTo(1))
                .body("[0].status", org.hamcrest.Matchers.equalTo("DELIVERED"));
    }

    @Test
    void smtp_server_down_for_a_while_delivers_once_after_it_returns() {
        String admin = email();
        var request = opened(id(), "t-" + id(), to(Channel.EMAIL, admin));
        ChannelStubsResource.stopSmtp();
        try {
            Requests.publish(topics, request);
            // Wait until the ledger shows failed attempts against the stopped server.
            await().atMost(Duration.ofSeconds(60)).until(() -> attempts(request.notificationId()) >= 2);
        } finally {
            ChannelStubsResource.startSmtp();
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> Mailbox.of(admin).size() == 1);
        DeliveryReceipt receipt = Requests.receipt(topics, request.notificationId());
        assertThat(receipt.status()).isEqualTo(DeliveryReceipt.Status.DELIVERED);
        assertThat(receipt.attempts()).isGreaterThan(1);
        assertThat(Mailbox.of(admin)).hasSize(1);
    }

    private static int attempts(String notificationId) {
        var r = given().header("Authorization", "Bearer test-admin-key").when().get("/deliveries/" + notificationId);
        return r.statusCode() == 200 ? r.jsonPath().getInt("[0].attempts") : 0;
    }

    @Test
    void request_matching_a_routing_rule_is_also_emailed_to_the_rules_recipient() {
        String admin = email();
        var base = opened(id(), "t-" + id(), to(Channel.EMAIL, admin));
        // The test profile routes CRITICAL requests tagged routed-test to routed-oncall@example.test.
        var request = new dev.revive.common.contract.NotificationRequest(base.notificationId(), base.incidentId(),
                base.targetId(), base.targetName(), base.kind(), base.severity(), base.step(), base.action(),
                base.summary(), base.facts(), base.links(), base.recipients(), base.timeline(), List.of("routed-test"),
                base.at(), base.scheduledAt());
        Requests.publish(topics, request);

        List<DeliveryReceipt> receipts = Requests.receipts(topics, request.notificationId(), 2);
        assertThat(receipts).extracting(DeliveryReceipt::recipient)
                .containsExactlyInAnyOrder(admin, "routed-oncall@example.test");
        assertThat(receipts).extracting(DeliveryReceipt::status).containsOnly(DeliveryReceipt.Status.DELIVERED);
    }
}
