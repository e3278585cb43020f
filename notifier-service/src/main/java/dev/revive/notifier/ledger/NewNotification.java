package dev.revive.notifier.ledger;

import java.time.Instant;
import java.util.List;

import dev.revive.common.contract.NotificationRequest;

/**
 * A request as the intake hands it to the ledger.
 *
 * @param kind      the request's kind (storm control never groups the urgent ones)
 * @param rawBody   the record value exactly as received (what a dead-letter record carries)
 * @param request   the request as understood, re-serialized (what templates read)
 * @param deliverTo recipients that can be tried
 * @param rejected  recipients that cannot (unknown channel, no address ...), with the reason
 */
public record NewNotification(
        String notificationId,
        String targetId,
        String incidentId,
        NotificationRequest.Kind kind,
        String ceId,
        String ceType,
        String ceSource,
        Instant ceTime,
        byte[] rawBody,
        byte[] request,
        Integer partition,
        Long offset,
        List<Address> deliverTo,
        List<Rejected> rejected) {

    /** A channel and an address on it. */
    public record Address(String channel, String to) {
    }

    /** A recipient that cannot be served, and why. */
    public record Rejected(String channel, String to, String reason) {
    }
}
