package dev.revive.notifier.intake;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.revive.common.contract.NotificationRequest;
import dev.revive.common.text.ControlCharacters;

/**
 * A request with control characters removed from every text it carries: they cannot be stored in a {@code text}
 * column (NUL), and in a mail, a chat message or a receipt they can forge what the reader sees.
 */
final class CleanRequest {

    private CleanRequest() {
    }

    static NotificationRequest of(NotificationRequest r) {
        return new NotificationRequest(c(r.notificationId()), c(r.incidentId()), c(r.targetId()), c(r.targetName()),
                r.kind(), r.severity(), r.step(), c(r.action()), c(r.summary()), map(r.facts()), map(r.links()),
                r.recipients().stream().map(rc -> rc == null ? null : new NotificationRequest.Recipient(rc.channel(), c(rc.to())))
                        .toList(),
                r.timeline().stream().map(t -> t == null ? null : new NotificationRequest.TimelineEntry(t.at(), c(t.text())))
                        .toList(),
                r.tags().stream().map(CleanRequest::c).toList(), r.at(), r.scheduledAt());
    }

    static String c(String s) {
        return ControlCharacters.clean(s);
    }

    private static Map<String, String> map(Map<String, String> m) {
        Map<String, String> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(c(k), c(v)));
        return out;
    }
}
