package dev.revive.notifier.receipt;

import java.time.Instant;

import dev.revive.common.contract.Channel;
import dev.revive.common.contract.DeliveryReceipt;
import dev.revive.notifier.channel.Redaction;
import dev.revive.notifier.ledger.Delivery;
import dev.revive.notifier.ledger.Unreported;

/** Ledger rows to wire receipts. */
final class Receipts {

    private Receipts() {
    }

    static DeliveryReceipt of(Unreported u) {
        Delivery d = u.delivery();
        DeliveryReceipt.Status status = switch (d.status()) {
            case DELIVERED -> DeliveryReceipt.Status.DELIVERED;
            case GROUPED -> DeliveryReceipt.Status.GROUPED;
            default -> DeliveryReceipt.Status.FAILED;
        };
        String reason = switch (d.status()) {
            case GROUPED -> "grouped into digest " + u.digestNotificationId() + ", sent at " + u.digestDue();
            case DELIVERED -> d.kind() == Delivery.Kind.DIGEST ? "digest of " + u.digestMembers() + " notifications" : null;
            default -> Redaction.scrub(d.channel(), d.recipient(), d.lastError());
        };
        Instant at = d.finishedAt() != null ? d.finishedAt() : Instant.now();
        return new DeliveryReceipt(d.notificationId(), d.incidentId(), d.targetId(), channel(d.channel()),
                d.recipient() == null || d.recipient().isEmpty() ? null : Redaction.secretFree(d.channel(), d.recipient()), status, d.attempts(), reason,
                d.providerMessageId(), at);
    }

    private static Channel channel(String name) {
        try {
            return Channel.valueOf(name);
        } catch (IllegalArgumentException e) {
            return null; // unknown to this version (the reason names it) or no channel at all
        }
    }
}
