package dev.revive.common.contract;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What became of one notification on one channel. Published on {@code revive.notification-receipts}.
 *
 * @param notificationId    the request
 * @param incidentId        its incident
 * @param targetId          its target
 * @param channel           the channel
 * @param recipient         the address it went to
 * @param status            delivered, failed or grouped into a digest
 * @param attempts          how many tries it took
 * @param reason            why it failed, or which digest it joined
 * @param providerMessageId the id the provider gave it (SMTP Message-ID, SES/SNS message id)
 * @param at                when this was decided
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeliveryReceipt(
        String notificationId,
        String incidentId,
        String targetId,
        Channel channel,
        String recipient,
        Status status,
        int attempts,
        String reason,
        String providerMessageId,
        Instant at) {

    public enum Status { DELIVERED, FAILED, GROUPED }
}
