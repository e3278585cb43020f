package dev.revive.notifier.support;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.revive.common.contract.Channel;
import dev.revive.common.contract.DeliveryReceipt;
import dev.revive.common.contract.NotificationRequest;
import dev.revive.common.contract.NotificationRequest.Kind;
import dev.revive.common.contract.NotificationRequest.Recipient;
import dev.revive.common.contract.NotificationRequest.TimelineEntry;
import dev.revive.common.contract.Severity;
import dev.revive.common.envelope.Envelope;
import dev.revive.common.topic.Topics;
import dev.revive.testkit.TestTopics;

/** Sample requests and the publishing / receipt-awaiting the notifier tests share. */
public final class Requests {

    public static final String SOURCE = "/revive/policy/test";

    private Requests() {
    }

    public static String id() {
        return UUID.randomUUID().toString();
    }

    /**
     * A fresh address, registered with GreenMail up front (GreenMail otherwise creates the mailbox on the first message,
     * without a lock). This was meant to stop an SMTP session that now and then stalls until GreenMail's 30 s socket
     * timeout (a 421, then a retry), but that stall still shows in some runs with registered addresses: its cause is
     * not known, and no test relies on it being gone.
     */
    public static String email() {
        String address = "ops-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
        var smtp = ChannelStubsResource.smtp();
        if (smtp != null) {
            smtp.setUser(address, address, address);
        }
        return address;
    }

    /** An OPENED request (the restart is planned for 09:30 UTC) to the given recipients. */
    public static NotificationRequest opened(String notificationId, String targetId, Recipient... to) {
        Instant at = Instant.parse("2025-01-15T09:25:00Z");
        return new NotificationRequest(notificationId, "inc-" + targetId, targetId, "shop.example.com", Kind.OPENED,
                Severity.CRITICAL, 0, "restart", "HTTP 503 from 3 of 3 locations",
                Map.of("status", "503", "locations", "eu-west-1,us-east-1,ap-south-1"),
                Map.of("hold", "https://revive.example.test/incidents/inc-" + targetId + "/hold?t=abc",
                        "ack", "https://revive.example.test/incidents/inc-" + targetId + "/ack?t=abc"),
                List.of(to),
                List.of(new TimelineEntry(Instant.parse("2025-01-15T09:24:10Z"), "first failed probe (HTTP 503)"),
                        new TimelineEntry(at, "target DOWN, incident opened")),
                List.of("prod"), at, at.plus(Duration.ofMinutes(5)));
    }

    public static Recipient to(Channel channel, String address) {
        return new Recipient(channel, address);
    }

    public static void publish(TestTopics topics, NotificationRequest r) {
        topics.publish(Topics.NOTIFICATIONS, Envelope.of(r, SOURCE, r.targetId()));
    }

    public static List<DeliveryReceipt> receipts(TestTopics topics, String notificationId, int count) {
        return topics.await(Topics.NOTIFICATION_RECEIPTS, DeliveryReceipt.class,
                r -> notificationId.equals(r.notificationId()), count, Duration.ofSeconds(60))
                .stream().map(Envelope::data).toList();
    }

    public static DeliveryReceipt receipt(TestTopics topics, String notificationId) {
        return receipts(topics, notificationId, 1).get(0);
    }
}
