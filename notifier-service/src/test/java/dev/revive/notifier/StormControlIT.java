package dev.revive.notifier;

import static dev.revive.notifier.support.Requests.email;
import static dev.revive.notifier.support.Requests.id;
import static dev.revive.notifier.support.Requests.opened;
import static dev.revive.notifier.support.Requests.to;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import dev.revive.common.contract.Channel;
import dev.revive.common.contract.DeliveryReceipt;
import dev.revive.common.contract.NotificationRequest;
import dev.revive.common.contract.NotificationRequest.Kind;
import dev.revive.common.contract.Severity;
import dev.revive.common.envelope.Envelope;
import dev.revive.common.messaging.EnvelopeMessages;
import dev.revive.common.topic.Topics;
import dev.revive.notifier.support.Mailbox;
import dev.revive.notifier.support.Requests;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.mail.internet.MimeMessage;

/** The test profile allows 3 individual notifications per target within a 20 s window. */
@QuarkusTest
class StormControlIT extends OnRealInfrastructure {

    private static final int PER_TARGET = 3;
    private static final int STORM = 500;

    @Test
    void five_hundred_requests_for_a_flapping_target_give_the_limit_plus_one_digest() throws Exception {
        String admin = email();
        String target = "flappy-" + id();
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        Instant t0 = Instant.now();
        for (int i = 0; i < STORM; i++) {
            // Kinds storm control may group: an OPENED or NEEDS_HUMAN request always goes out on its own.
            Kind kind = i % 2 == 0 ? Kind.WARNING : Kind.RESOLVED;
            var r = new NotificationRequest(id(), "inc-" + i, target, "flappy.example.com", kind, Severity.CRITICAL, 0,
                    null, "flap " + i, Map.of("outageSeconds", "42"), Map.of(), List.of(to(Channel.EMAIL, admin)),
                    List.of(), List.of(), t0.plusMillis(i), t0.plusSeconds(300));
            ids.add(r.notificationId());
            records.add(EnvelopeMessages.toRecord(Topics.NOTIFICATIONS, Envelope.of(r, Requests.SOURCE, target)));
        }
        long start = System.nanoTime();
        topics.companion().produce(String.class, byte[].class).fromRecords(records).awaitCompletion(Duration.ofSeconds(60));

        var grouped = topics.await(Topics.NOTIFICATION_RECEIPTS, DeliveryReceipt.class,
                r -> target.equals(r.targetId()) && r.status() == DeliveryReceipt.Status.GROUPED, STORM - PER_TARGET,
                Duration.ofSeconds(120));
        // Ingestion rate, from the ledger's own clock: first and last request of the storm.
        Instant first = Instant.parse(given().header("Authorization", "Bearer test-admin-key").get("/deliveries/" + ids.get(0)).jsonPath().getString("[0].createdAt"));
        Instant last = Instant.parse(given().header("Authorization", "Bearer test-admin-key").get("/deliveries/" + ids.get(STORM - 1)).jsonPath().getString("[0].createdAt"));
        long ms = Math.max(1, Duration.between(first, last).toMillis());
        System.out.printf("[notifier-storm] %d requests recorded in the ledger in %d ms (%d/s); receipts seen after %d ms%n",
                STORM, ms, STORM * 1000L / ms, (System.nanoTime() - start) / 1_000_000);
        String digestId = grouped.get(0).data().reason().split(" ")[3].replace(",", "");
        assertThat(grouped).allSatisfy(e -> assertThat(e.data().reason()).startsWith("grouped into digest " + digestId + ","));

        await().atMost(Duration.ofSeconds(90)).until(() -> Mailbox.of(admin).size() == PER_TARGET + 1);
        List<MimeMessage> mails = Mailbox.of(admin);
        List<String> subjects = mails.stream().map(Mailbox::subject).toList();
        assertThat(subjects).filteredOn(s -> s.startsWith("[Revive] digest:")).containsExactly(
                "[Revive] digest: " + (STORM - PER_TARGET) + " notifications about flappy.example.com");
        MimeMessage digest = mails.stream().filter(m -> Mailbox.subject(m).startsWith("[Revive] digest:")).findFirst().orElseThrow();
        assertThat(Mailbox.part(digest, "text/plain"))
                .contains("Storm control held back " + (STORM - PER_TARGET) + " notifications")
                .contains("flappy.example.com: " + (STORM - PER_TARGET))
                .contains("... and " + (STORM - PER_TARGET - 50) + " more");
        DeliveryReceipt digestReceipt = Requests.receipt(topics, digestId);
        assertThat(digestReceipt.status()).isEqualTo(DeliveryReceipt.Status.DELIVERED);
        assertThat(digestReceipt.reason()).isEqualTo("digest of " + (STORM - PER_TARGET) + " notifications");
        var delivered = topics.readAll(Topics.NOTIFICATION_RECEIPTS, DeliveryReceipt.class).stream().map(Envelope::data)
                .filter(r -> ids.contains(r.notificationId()) && r.status() == DeliveryReceipt.Status.DELIVERED).toList();
        assertThat(delivered).hasSize(PER_TARGET);
    }

    @Test
    void opened_request_for_a_target_past_its_limit_goes_out_on_its_own_with_the_hold_link() {
        String admin = email();
        String target = "stormy-" + id();
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        String lastWarning = null;
        for (int i = 0; i <= PER_TARGET; i++) {
            var w = new NotificationRequest(id(), "inc-w", target, "stormy.example.com", Kind.WARNING, Severity.WARNING, 0,
                    null, "latency " + i, Map.of(), Map.of(), List.of(to(Channel.EMAIL, admin)), List.of(), List.of(),
                    Instant.now(), null);
            lastWarning = w.notificationId();
            records.add(EnvelopeMessages.toRecord(Topics.NOTIFICATIONS, Envelope.of(w, Requests.SOURCE, target)));
        }
        var open = opened(id(), target, to(Channel.EMAIL, admin));
        records.add(EnvelopeMessages.toRecord(Topics.NOTIFICATIONS, Envelope.of(open, Requests.SOURCE, target)));
        topics.companion().produce(String.class, byte[].class).fromRecords(records).awaitCompletion(Duration.ofSeconds(60));

        // The warning past the limit shows the target is in a storm; the OPENED request behind it is not held back.
        assertThat(Requests.receipt(topics, lastWarning).status()).isEqualTo(DeliveryReceipt.Status.GROUPED);
        assertThat(Requests.receipt(topics, open.notificationId()).status()).isEqualTo(DeliveryReceipt.Status.DELIVERED);
        await().atMost(Duration.ofSeconds(60)).until(() -> Mailbox.of(admin).stream()
                .anyMatch(m -> open.notificationId().equals(Mailbox.header(m, "X-Revive-Notification-Id"))));
        MimeMessage mail = Mailbox.of(admin).stream()
                .filter(m -> open.notificationId().equals(Mailbox.header(m, "X-Revive-Notification-Id"))).findFirst().orElseThrow();
        assertThat(Mailbox.part(mail, "text/plain")).contains("Hold the recovery: " + open.links().get("hold"));
    }
}
