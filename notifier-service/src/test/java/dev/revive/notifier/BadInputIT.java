package dev.revive.notifier;

import static dev.revive.notifier.support.Requests.email;
import static dev.revive.notifier.support.Requests.id;
import static dev.revive.notifier.support.Requests.opened;
import static dev.revive.notifier.support.Requests.to;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.revive.common.contract.Channel;
import dev.revive.common.contract.DeliveryReceipt;
import dev.revive.common.envelope.Envelope;
import dev.revive.common.envelope.EnvelopeCodec;
import dev.revive.common.topic.Topics;
import dev.revive.notifier.support.DeadLetters;
import dev.revive.notifier.support.Mailbox;
import dev.revive.notifier.support.Requests;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class BadInputIT extends OnRealInfrastructure {

    @Test
    void unknown_channel_gets_a_failed_receipt_and_a_dead_letter_while_the_other_recipient_is_served() {
        String admin = email();
        var request = opened(id(), "t-" + id(), to(Channel.EMAIL, admin));
        // The wire form of a channel this version does not know (the enum cannot even hold it).
        String json = new String(EnvelopeCodec.body(request), StandardCharsets.UTF_8).replace("\"recipients\":[",
                "\"recipients\":[{\"channel\":\"PIGEON\",\"to\":\"loft 7\"},");
        topics.publishRaw(Topics.NOTIFICATIONS, request.targetId(), json.getBytes(StandardCharsets.UTF_8),
                Envelope.of(request, Requests.SOURCE, request.targetId()));

        var receipts = Requests.receipts(topics, request.notificationId(), 2);
        DeliveryReceipt failed = receipts.stream().filter(r -> r.status() == DeliveryReceipt.Status.FAILED).findFirst().orElseThrow();
        assertThat(failed.reason()).isEqualTo("unknown channel 'PIGEON'");
        assertThat(failed.channel()).isNull();
        assertThat(failed.recipient()).isEqualTo("loft 7");
        assertThat(receipts).anyMatch(r -> r.status() == DeliveryReceipt.Status.DELIVERED && r.channel() == Channel.EMAIL);
        await().atMost(Duration.ofSeconds(30)).until(() -> Mailbox.of(admin).size() == 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> !DeadLetters.containing(request.notificationId()).isEmpty());
        var dead = DeadLetters.containing(request.notificationId());
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).reason()).contains("unknown channel 'PIGEON'");
        assertThat(dead.get(0).body()).contains("PIGEON");
    }

    @Test
    void request_without_recipient_gets_a_failed_receipt_and_a_dead_letter() {
        var request = opened(id(), "t-" + id());
        Requests.publish(topics, request);

        DeliveryReceipt receipt = Requests.receipt(topics, request.notificationId());
        assertThat(receipt.status()).isEqualTo(DeliveryReceipt.Status.FAILED);
        assertThat(receipt.reason()).isEqualTo("request has no recipient");
        assertThat(receipt.attempts()).isZero();
        await().atMost(Duration.ofSeconds(30)).until(() -> !DeadLetters.containing(request.notificationId()).isEmpty());
        assertThat(DeadLetters.containing(request.notificationId()).get(0).reason()).contains("request has no recipient");
    }

    @Test
    void recipient_address_unfit_for_its_channel_gets_a_failed_receipt() {
        var request = opened(id(), "t-" + id(), to(Channel.EMAIL, "not-an-address"));
        Requests.publish(topics, request);

        DeliveryReceipt receipt = Requests.receipt(topics, request.notificationId());
        assertThat(receipt.status()).isEqualTo(DeliveryReceipt.Status.FAILED);
        assertThat(receipt.channel()).isEqualTo(Channel.EMAIL);
        assertThat(receipt.reason()).isEqualTo("'not-an-address' is not an email address");
    }

    @Test
    void unreadable_record_is_dead_lettered_and_the_next_request_is_still_delivered() {
        String target = "t-" + id();
        String marker = "garbage-" + id();
        var headersFrom = opened(id(), target);
        topics.publishRaw(Topics.NOTIFICATIONS, target, ("{not json " + marker).getBytes(StandardCharsets.UTF_8),
                Envelope.of(headersFrom, Requests.SOURCE, target));
        String admin = email();
        var next = opened(id(), target, to(Channel.EMAIL, admin));
        Requests.publish(topics, next);

        assertThat(Requests.receipt(topics, next.notificationId()).status()).isEqualTo(DeliveryReceipt.Status.DELIVERED);
        await().atMost(Duration.ofSeconds(30)).until(() -> !DeadLetters.containing(marker).isEmpty());
        assertThat(DeadLetters.containing(marker).get(0).reason()).contains("not a valid NotificationRequest");
    }
}
