package dev.revive.notifier.intake;

import static dev.revive.notifier.support.Requests.email;
import static dev.revive.notifier.support.Requests.id;
import static dev.revive.notifier.support.Requests.opened;
import static dev.revive.notifier.support.Requests.to;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

import dev.revive.common.contract.Channel;
import dev.revive.common.contract.DeliveryReceipt;
import dev.revive.common.contract.NotificationRequest;
import dev.revive.notifier.OnRealInfrastructure;
import dev.revive.notifier.support.DeadLetters;
import dev.revive.notifier.support.Mailbox;
import dev.revive.notifier.support.Requests;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A request the ledger cannot store because of what it contains is not a database outage: it is cleaned or
 * dead-lettered and the requests behind it on the same partition are still taken in.
 */
@QuarkusTest
class DataErrorIT extends OnRealInfrastructure {

    @Test
    void request_with_a_nul_in_its_text_is_delivered_cleaned_and_the_next_request_still_is() {
        String target = "t-" + id();
        String admin = email();
        NotificationRequest base = opened(id(), target, to(Channel.EMAIL, admin));
        // NUL in text that reaches text columns (incident id) and the templates (target name, summary).
        var poisoned = new NotificationRequest(base.notificationId(), "inc-\u0000" + target, target, "shop\u0000.example.com",
                base.kind(), base.severity(), base.step(), base.action(), "HTTP 503\u0000\u0007 from 3 of 3 locations",
                base.facts(), base.links(), base.recipients(), base.timeline(), base.tags(), base.at(), base.scheduledAt());
        Requests.publish(topics, poisoned);
        String nextAdmin = email();
        var next = opened(id(), target, to(Channel.EMAIL, nextAdmin));
        Requests.publish(topics, next);

        assertThat(Requests.receipt(topics, next.notificationId()).status()).isEqualTo(DeliveryReceipt.Status.DELIVERED);
        DeliveryReceipt receipt = Requests.receipt(topics, poisoned.notificationId());
        assertThat(receipt.status()).isEqualTo(DeliveryReceipt.Status.DELIVERED);
        assertThat(receipt.incidentId()).isEqualTo("inc-" + target);
        await().atMost(Duration.ofSeconds(30)).until(() -> Mailbox.of(admin).size() == 1);
        String body = Mailbox.part(Mailbox.of(admin).get(0), "text/plain");
        assertThat(body).contains("HTTP 503 from 3 of 3 locations").doesNotContain("\u0000", "\u0007");
    }

    @Test
    void request_too_large_for_the_ledger_is_dead_lettered_and_the_next_request_is_delivered() {
        String target = "t-" + id();
        // Incompressible and longer than a btree index entry may be (about 2.7 kB): the ledger refuses it every time.
        byte[] noise = new byte[6000];
        new SecureRandom().nextBytes(noise);
        String hugeId = "huge-" + HexFormat.of().formatHex(noise);
        Requests.publish(topics, opened(hugeId, target, to(Channel.EMAIL, email())));
        String admin = email();
        var next = opened(id(), target, to(Channel.EMAIL, admin));
        Requests.publish(topics, next);

        assertThat(Requests.receipt(topics, next.notificationId()).status()).isEqualTo(DeliveryReceipt.Status.DELIVERED);
        await().atMost(Duration.ofSeconds(30)).until(() -> !DeadLetters.containing(hugeId).isEmpty());
        assertThat(DeadLetters.containing(hugeId).get(0).reason()).contains("the ledger refused");
    }
}
