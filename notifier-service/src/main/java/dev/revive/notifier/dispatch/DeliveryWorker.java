package dev.revive.notifier.dispatch;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.jboss.logging.Logger;

import dev.revive.common.contract.Channel;
import dev.revive.common.contract.NotificationRequest;
import dev.revive.common.envelope.EnvelopeCodec;
import dev.revive.common.envelope.Json;
import dev.revive.notifier.channel.ChannelSender;
import dev.revive.notifier.channel.Outgoing;
import dev.revive.notifier.channel.Redaction;
import dev.revive.notifier.channel.SendException;
import dev.revive.notifier.config.NotifierConfig;
import dev.revive.notifier.ledger.Delivery;
import dev.revive.notifier.ledger.DeliveryLedger;
import dev.revive.notifier.template.Rendered;
import dev.revive.notifier.template.Renderer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

/** Sends one claimed delivery and records the outcome: delivered, retry later (backoff), or failed for good. */
@ApplicationScoped
public class DeliveryWorker {

    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class);

    private final DeliveryLedger ledger;
    private final Renderer renderer;
    private final Map<Channel, ChannelSender> senders = new EnumMap<>(Channel.class);
    private final Backoff backoff;
    private final Clock clock;
    private final OutcomeRecorder recorder;

    DeliveryWorker(DeliveryLedger ledger, Renderer renderer, Instance<ChannelSender> senders, NotifierConfig config,
            Clock clock, OutcomeRecorder recorder) {
        this.ledger = ledger;
        this.recorder = recorder;
        this.renderer = renderer;
        senders.forEach(s -> this.senders.put(s.channel(), s));
        this.backoff = Backoff.of(config.retry());
        this.clock = clock;
    }

    public void deliver(Delivery d) {
        Outcome o;
        try {
            o = attempt(d);
        } catch (SQLException e) {
            // Nothing was sent (the request could not be read): the claim stays and expires, then it is retried.
            LOG.errorf("cannot prepare delivery %d: %s", d.id(), e.getMessage());
            return;
        }
        Instant now = clock.instant();
        // A failed write of the outcome is kept and retried by the recorder, and the row is not claimed again
        // meanwhile: a message known to be delivered is never sent twice because the ledger was briefly unreachable.
        if (o.error == null) {
            recorder.record(d, "DELIVERED", () -> ledger.markDelivered(d.id(), o.providerId, now));
            LOG.debugf("delivered %s on %s", d.notificationId(), d.channel());
        } else if (!o.error.permanent() && backoff.mayRetry(d.attempts())) {
            Instant next = now.plus(backoff.delayAfter(d.attempts()));
            recorder.record(d, "PENDING", () -> ledger.markRetry(d.id(), next, o.error.getMessage()));
            LOG.infof("attempt %d of %s on %s failed, retrying: %s", d.attempts(), d.notificationId(), d.channel(),
                    Redaction.scrub(d.channel(), d.recipient(), o.error.getMessage()));
        } else {
            String reason = o.error.permanent() ? o.error.getMessage()
                    : "gave up after " + d.attempts() + " attempts: " + o.error.getMessage();
            recorder.record(d, "FAILED", () -> ledger.markFailed(d.id(), reason, now));
            LOG.warnf("notification %s on %s to %s failed: %s", d.notificationId(), d.channel(),
                    Redaction.secretFree(d.channel(), d.recipient()), Redaction.scrub(d.channel(), d.recipient(), reason));
        }
    }

    private record Outcome(String providerId, SendException error) {
    }

    private Outcome attempt(Delivery d) throws SQLException {
        Channel channel;
        try {
            channel = Channel.valueOf(d.channel());
        } catch (IllegalArgumentException e) {
            return new Outcome(null, SendException.permanentFailure("unknown channel '" + d.channel() + "'"));
        }
        ChannelSender sender = senders.get(channel);
        if (sender == null) {
            return new Outcome(null, SendException.permanentFailure("no sender for channel " + channel));
        }
        Outgoing out;
        try {
            out = d.kind() == Delivery.Kind.DIGEST ? digest(d, channel) : single(d, channel);
        } catch (RuntimeException e) {
            return new Outcome(null, SendException.permanentFailure("cannot render: " + e.getMessage()));
        }
        try {
            LOG.debugf("sending %s on %s (attempt %d)", d.notificationId(), channel, d.attempts());
            return new Outcome(sender.send(out), null);
        } catch (SendException e) {
            return new Outcome(null, e);
        } catch (RuntimeException e) {
            return new Outcome(null, SendException.transientFailure(channel + ": " + e, e));
        }
    }

    private Outgoing single(Delivery d, Channel channel) throws SQLException {
        byte[] body = ledger.request(d.notificationId())
                .orElseThrow(() -> new IllegalStateException("request " + d.notificationId() + " not in the ledger"));
        NotificationRequest r = EnvelopeCodec.readBody(body, NotificationRequest.class);
        Rendered msg = renderer.render(r);
        Map<String, Object> payload = Map.of("kind", String.valueOf(r.kind()), "request",
                Json.MAPPER.convertValue(r, Map.class));
        return new Outgoing(d.notificationId(), d.targetId(), channel, d.recipient(), msg, payload);
    }

    private Outgoing digest(Delivery d, Channel channel) throws SQLException {
        List<NotificationRequest> members = new ArrayList<>();
        for (byte[] b : ledger.digestMembers(d.id())) {
            members.add(EnvelopeCodec.readBody(b, NotificationRequest.class));
        }
        Rendered msg = renderer.digest(members);
        Map<String, Object> payload = Map.of("kind", "DIGEST", "notificationIds",
                members.stream().map(NotificationRequest::notificationId).toList());
        return new Outgoing(d.notificationId(), d.targetId(), channel, d.recipient(), msg, payload);
    }
}
