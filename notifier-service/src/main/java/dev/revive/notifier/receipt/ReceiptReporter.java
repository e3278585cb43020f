package dev.revive.notifier.receipt;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import dev.revive.common.envelope.Envelope;
import dev.revive.common.envelope.EnvelopeCodec;
import dev.revive.common.messaging.EnvelopeMessages;
import dev.revive.common.topic.Topics;
import dev.revive.notifier.channel.Redaction;
import dev.revive.notifier.ledger.Delivery;
import dev.revive.notifier.ledger.DeliveryLedger;
import dev.revive.notifier.ledger.Unreported;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Publishes a receipt for every finished ledger row (and, for a failed one, a dead-letter record of the request), and
 * marks the row reported only after the broker acknowledged both. A crash in between publishes them again: receipts
 * are at-least-once, with a stable {@code ce_id} per row so a reader can drop repeats.
 */
@ApplicationScoped
public class ReceiptReporter {

    public static final String RECEIPTS = "receipts";
    public static final String DEAD_LETTERS = "notification-dead-letters";
    static final String SOURCE = "/revive/notifier";
    private static final int BATCH = 200;
    private static final Logger LOG = Logger.getLogger(ReceiptReporter.class);

    private final DeliveryLedger ledger;
    private final MutinyEmitter<byte[]> receipts;
    private final MutinyEmitter<byte[]> deadLetters;
    private final Clock clock;
    /** Rows whose receipts the broker acked but whose reported mark could not be written yet (written next run). */
    private final Set<Long> ackedNotMarked = new LinkedHashSet<>();

    ReceiptReporter(DeliveryLedger ledger, @Channel(RECEIPTS) MutinyEmitter<byte[]> receipts,
            @Channel(DEAD_LETTERS) MutinyEmitter<byte[]> deadLetters, Clock clock) {
        this.ledger = ledger;
        this.receipts = receipts;
        this.deadLetters = deadLetters;
        this.clock = clock;
    }

    /** Reports everything pending, a batch at a time. */
    public synchronized void reportAll() throws SQLException {
        if (!ackedNotMarked.isEmpty()) {
            ledger.markReported(List.copyOf(ackedNotMarked), clock.instant());
            LOG.infof("marked %d rows reported after a failed write", ackedNotMarked.size());
            ackedNotMarked.clear();
        }
        while (true) {
            List<Unreported> batch = ledger.unreported(BATCH);
            if (batch.isEmpty()) {
                return;
            }
            List<Uni<Void>> sends = new ArrayList<>();
            for (Unreported u : batch) {
                sends.add(receipts.sendMessage(receipt(u)));
                if (u.delivery().status() == Delivery.Status.FAILED && u.rawBody() != null) {
                    sends.add(deadLetters.sendMessage(deadLetter(u)));
                }
            }
            Uni.join().all(sends).andFailFast().await().atMost(Duration.ofSeconds(60));
            List<Long> ids = batch.stream().map(u -> u.delivery().id()).toList();
            try {
                ledger.markReported(ids, clock.instant());
            } catch (SQLException e) {
                // Published and acked: keep that in memory so the next run marks them instead of publishing again.
                ackedNotMarked.addAll(ids);
                throw e;
            }
            LOG.debugf("reported %d receipts", batch.size());
        }
    }

    private Message<byte[]> receipt(Unreported u) {
        Delivery d = u.delivery();
        var receipt = Receipts.of(u);
        // One stable event id per ledger row: a re-publication after a crash is recognizable as the same receipt.
        String id = java.util.UUID.nameUUIDFromBytes(("receipt:" + d.id() + ":" + d.notificationId() + ":" + d.status())
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
        return EnvelopeMessages.toMessage(Envelope.of(id, receipt, SOURCE, d.targetId(), receipt.at()));
    }

    private Message<byte[]> deadLetter(Unreported u) {
        Envelope<Object> original = new Envelope<>(u.ceId(), u.ceType(), u.ceSource(),
                u.ceTime() == null ? u.delivery().createdAt() : u.ceTime(), u.delivery().targetId(), null);
        Delivery d = u.delivery();
        String reason = "delivery of " + d.notificationId() + " on " + d.channel() + " to '"
                + Redaction.secretFree(d.channel(), d.recipient()) + "' failed: "
                + Redaction.scrub(d.channel(), d.recipient(), d.lastError());
        var headers = EnvelopeCodec.deadLetterHeaders(EnvelopeCodec.headers(original), reason, Topics.NOTIFICATIONS,
                u.partition() == null ? -1 : u.partition(), u.offset() == null ? -1 : u.offset());
        return Message.of(u.rawBody()).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(u.delivery().targetId()).withHeaders(headers).build());
    }
}
