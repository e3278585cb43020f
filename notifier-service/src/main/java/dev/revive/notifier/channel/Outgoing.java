package dev.revive.notifier.channel;

import java.util.Map;

import dev.revive.common.contract.Channel;
import dev.revive.notifier.template.Rendered;

/**
 * A message ready for a channel.
 *
 * @param notificationId the ledger's notification id (a digest has its own)
 * @param payload        structured content for webhooks (serialized as JSON)
 */
public record Outgoing(String notificationId, String targetId, Channel channel, String to, Rendered message,
        Map<String, Object> payload) {
}
