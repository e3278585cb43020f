package dev.revive.notifier.ledger;

import java.time.Instant;

/**
 * A finished delivery awaiting its receipt, with what a dead-letter record needs (the request as received and where
 * it came from) and, for a grouped one, its digest.
 */
public record Unreported(
        Delivery delivery,
        byte[] rawBody,
        String ceId,
        String ceType,
        String ceSource,
        Instant ceTime,
        Integer partition,
        Long offset,
        String digestNotificationId,
        Instant digestDue,
        long digestMembers) {
}
