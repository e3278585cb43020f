package dev.revive.notifier.channel.webhook;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.revive.common.contract.Channel;
import dev.revive.common.envelope.EnvelopeCodec;
import dev.revive.notifier.channel.ChannelSender;
import dev.revive.notifier.channel.Outgoing;
import dev.revive.notifier.channel.SendException;
import dev.revive.notifier.config.NotifierConfig;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Generic webhooks: a JSON body (notification id, subject, text and the structured request), signed with
 * {@link WebhookSigner}. {@code X-Revive-Notification-Id} lets a receiver drop a repeat of the same notification.
 */
@ApplicationScoped
public class WebhookSender implements ChannelSender {

    public static final String NOTIFICATION_ID_HEADER = "X-Revive-Notification-Id";

    private final HttpPoster http;
    private final NotifierConfig config;
    private final Clock clock;

    WebhookSender(NotifierConfig config, Clock clock) {
        this.http = new HttpPoster(config.webhook().timeout());
        this.config = config;
        this.clock = clock;
    }

    @Override
    public Channel channel() {
        return Channel.WEBHOOK;
    }

    @Override
    public String send(Outgoing m) throws SendException {
        String secret = config.webhook().secret().filter(s -> !s.isBlank())
                .orElseThrow(() -> SendException.permanentFailure("revive.notifier.webhook.secret is not configured"));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("notificationId", m.notificationId());
        json.put("targetId", m.targetId());
        json.put("subject", m.message().subject());
        json.put("text", m.message().text());
        json.putAll(m.payload());
        byte[] body = EnvelopeCodec.body(json);
        long ts = clock.instant().getEpochSecond();
        http.post("webhook", m.to(), body, Map.of(
                WebhookSigner.TIMESTAMP_HEADER, Long.toString(ts),
                WebhookSigner.SIGNATURE_HEADER, WebhookSigner.sign(secret, ts, body),
                NOTIFICATION_ID_HEADER, m.notificationId()));
        return null;
    }
}
