package dev.revive.notifier.dispatch;

import static dev.revive.notifier.support.Requests.email;
import static dev.revive.notifier.support.Requests.id;
import static dev.revive.notifier.support.Requests.opened;
import static dev.revive.notifier.support.Requests.to;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.revive.common.contract.Channel;
import dev.revive.common.contract.DeliveryReceipt;
import dev.revive.common.topic.Topics;
import dev.revive.notifier.ledger.Delivery;
import dev.revive.notifier.ledger.DeliveryLedger;
import dev.revive.notifier.support.ChannelStubsResource;
import dev.revive.notifier.support.Mailbox;
import dev.revive.notifier.support.Requests;
import dev.revive.testkit.RealInfrastructureResource;
import dev.revive.testkit.TestTopics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * The fault drill's duplicate: after a PostgreSQL restart the write of a delivered outcome failed ("terminating
 * connection due to administrator command"), the row stayed SENDING until its lease ended and the email went out again.
 * Here the first writes of the outcome fail the same way; the process keeps the outcome and writes it later.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructureResource.class, restrictToAnnotatedClass = false, initArgs = @ResourceArg(name = "database", value = "notifier"))
@QuarkusTestResource(value = ChannelStubsResource.class, restrictToAnnotatedClass = false)
class OutcomeWriteFailureIT {

    static final TestTopics topics = TestTopics.shared();

    @Inject
    DeliveryLedger ledger;

    @Test
    void delivered_email_whose_outcome_write_fails_is_recorded_later_and_sent_once() throws Exception {
        String admin = email();
        var request = opened(id(), "t-" + id(), to(Channel.EMAIL, admin));
        OutcomeRecorder.FAIL_WRITES.put(request.notificationId(), 3);
        try {
            Requests.publish(topics, request);

            // The test lease is the production 2 minutes: without the in-memory retry the row stays SENDING past this.
            await().atMost(Duration.ofSeconds(60)).until(() -> status(request.notificationId()) == Delivery.Status.DELIVERED);
            assertThat(OutcomeRecorder.FAIL_WRITES).as("all injected write failures were hit")
                    .doesNotContainKey(request.notificationId());

            DeliveryReceipt receipt = Requests.receipt(topics, request.notificationId());
            assertThat(receipt.status()).isEqualTo(DeliveryReceipt.Status.DELIVERED);
            // Not attempts == 1: under load GreenMail sometimes drops a session with "421 … socket timeout" and the
            // dispatcher retries it (a separate, known test-environment stall). One email and one receipt are the point.
            await().atMost(Duration.ofSeconds(60)).until(() -> row(request.notificationId()).reportedAt() != null);

            Delivery row = row(request.notificationId());
            assertThat(row.attempts()).as("the ledger and the receipt agree").isEqualTo(receipt.attempts());
            assertThat(Mailbox.of(admin)).hasSize(1);
            assertThat(Mailbox.header(Mailbox.of(admin).get(0), "X-Revive-Notification-Id"))
                    .isEqualTo(request.notificationId());
            List<DeliveryReceipt> receipts = topics.readAll(Topics.NOTIFICATION_RECEIPTS, DeliveryReceipt.class).stream()
                    .map(e -> e.data()).filter(r -> request.notificationId().equals(r.notificationId())).toList();
            assertThat(receipts).hasSize(1);
        } finally {
            OutcomeRecorder.FAIL_WRITES.remove(request.notificationId());
        }
    }

    private Delivery row(String notificationId) throws Exception {
        List<Delivery> rows = ledger.find(notificationId);
        assertThat(rows).hasSize(1);
        return rows.get(0);
    }

    private Delivery.Status status(String notificationId) throws Exception {
        List<Delivery> rows = ledger.find(notificationId);
        return rows.isEmpty() ? null : rows.get(0).status();
    }
}
