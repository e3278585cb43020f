package dev.revive.notifier.channel.webhook;

import java.util.Map;

import dev.revive.common.contract.Channel;
import dev.revive.common.envelope.EnvelopeCodec;
import dev.revive.notifier.channel.ChannelSender;
import dev.revive.notifier.channel.Outgoing;
import dev.revive.notifier.channel.SendException;
import dev.revive.notifier.config.NotifierConfig;
import jakarta.enterprise.context.ApplicationScoped;

/** Slack-compatible incoming webhooks (also Mattermost, Rocket.Chat ...): {@code {"text": "..."}}. */
@ApplicationScoped
public class SlackSender implements ChannelSender {

    private final HttpPoster http;

    SlackSender(NotifierConfig config) {
        this.http = new HttpPoster(config.webhook().timeout());
    }

    @Override
    public Channel channel() {
        return Channel.SLACK;
    }

    @Override
    public String send(Outgoing m) throws SendException {
        String text = "*" + m.message().subject() + "*\n" + m.message().text();
        http.post("Slack webhook", m.to(), EnvelopeCodec.body(Map.of("text", text)), Map.of());
        return null;
    }
}
