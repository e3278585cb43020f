package dev.revive.notifier.intake;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.common.header.Headers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.revive.common.contract.Channel;
import dev.revive.common.contract.NotificationRequest;
import dev.revive.common.envelope.Envelope;
import dev.revive.common.envelope.EnvelopeCodec;
import dev.revive.common.envelope.EnvelopeException;
import dev.revive.common.envelope.Json;
import dev.revive.notifier.channel.RecipientRules;
import dev.revive.notifier.ledger.Delivery;
import dev.revive.notifier.ledger.NewNotification;
import dev.revive.notifier.routing.RouteRule;
import dev.revive.notifier.routing.Routing;

/**
 * Reads a request and sorts its recipients into those that can be tried and those that cannot. A recipient naming
 * a channel this version does not know would make the whole body unreadable; it is taken out, reported as
 * rejected, and the rest of the request still goes out. What remains unreadable raises {@link EnvelopeException}.
 * Control characters are removed from every text of the request and of its envelope (see {@link CleanRequest}).
 */
public final class RequestReader {

    /** A request understood, with the recipients it cannot use. */
    public record Read(Envelope<NotificationRequest> envelope, List<NewNotification.Address> deliverTo,
            List<NewNotification.Rejected> rejected) {
    }

    private RequestReader() {
    }

    public static Read read(Headers headers, byte[] value) {
        return read(headers, value, List.of());
    }

    /** Reads a request; its recipients are its own plus those of the routing rules it matches. */
    public static Read read(Headers headers, byte[] value, List<RouteRule> routes) {
        List<NewNotification.Rejected> rejected = new ArrayList<>();
        Envelope<NotificationRequest> e;
        try {
            e = EnvelopeCodec.decode(headers, value, NotificationRequest.class);
        } catch (EnvelopeException strict) {
            e = EnvelopeCodec.decode(headers, withoutUnknownChannels(value, rejected, strict), NotificationRequest.class);
        }
        if (e.data() == null) {
            throw new EnvelopeException("empty request");
        }
        e = new Envelope<>(CleanRequest.c(e.id()), CleanRequest.c(e.type()), CleanRequest.c(e.source()), e.time(),
                CleanRequest.c(e.subject()), CleanRequest.of(e.data()));
        NotificationRequest r = e.data();
        if (r.notificationId() == null || r.notificationId().isBlank()) {
            throw new EnvelopeException("notificationId is missing");
        }
        List<NewNotification.Address> deliverTo = new ArrayList<>();
        for (NotificationRequest.Recipient rc : Routing.recipients(r, routes)) {
            if (rc == null) {
                rejected.add(new NewNotification.Rejected(Delivery.NO_CHANNEL, "", "recipient is null"));
                continue;
            }
            var problem = RecipientRules.problem(rc.channel(), rc.to());
            if (problem.isPresent()) {
                rejected.add(new NewNotification.Rejected(rc.channel() == null ? Delivery.NO_CHANNEL : rc.channel().name(),
                        rc.to(), problem.get()));
            } else if (deliverTo.stream().noneMatch(a -> a.channel().equals(rc.channel().name()) && a.to().equals(rc.to()))) {
                deliverTo.add(new NewNotification.Address(rc.channel().name(), rc.to()));
            }
        }
        if (deliverTo.isEmpty() && rejected.isEmpty()) {
            rejected.add(new NewNotification.Rejected(Delivery.NO_CHANNEL, "", "request has no recipient"));
        }
        return new Read(e, deliverTo, rejected);
    }

    private static byte[] withoutUnknownChannels(byte[] value, List<NewNotification.Rejected> rejected,
            EnvelopeException strict) {
        JsonNode root;
        try {
            root = value == null ? null : Json.MAPPER.readTree(value);
        } catch (IOException e) {
            throw strict;
        }
        if (!(root instanceof ObjectNode obj) || !(obj.get("recipients") instanceof ArrayNode recipients)) {
            throw strict;
        }
        ArrayNode kept = Json.MAPPER.createArrayNode();
        for (JsonNode rc : recipients) {
            JsonNode ch = rc.get("channel");
            if (ch != null && ch.isTextual() && !known(ch.asText())) {
                JsonNode to = rc.get("to");
                String channel = CleanRequest.c(ch.asText());
                rejected.add(new NewNotification.Rejected(channel, to == null || to.isNull() ? "" : CleanRequest.c(to.asText()),
                        "unknown channel '" + channel + "'"));
            } else {
                kept.add(rc);
            }
        }
        if (kept.size() == recipients.size()) {
            throw strict;
        }
        obj.set("recipients", kept);
        return EnvelopeCodec.body(obj);
    }

    private static boolean known(String channel) {
        for (Channel c : Channel.values()) {
            if (c.name().equals(channel)) {
                return true;
            }
        }
        return false;
    }
}
