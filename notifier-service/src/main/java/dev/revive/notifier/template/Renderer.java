package dev.revive.notifier.template;

import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.revive.common.contract.NotificationRequest;
import dev.revive.notifier.config.NotifierConfig;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.enterprise.context.ApplicationScoped;

/** Renders requests and digests with the Qute templates under {@code templates/notification}. */
@ApplicationScoped
public class Renderer {

    /** A digest lists at most this many lines; the rest are counted. */
    static final int DIGEST_LINES = 50;

    private final Template subject;
    private final Template lead;
    private final Template text;
    private final Template html;
    private final Template digestText;
    private final Template digestHtml;
    private final ZoneId zone;

    Renderer(@Location("notification/subject.txt") Template subject, @Location("notification/lead.txt") Template lead,
            @Location("notification/body.txt") Template text, @Location("notification/body.html") Template html,
            @Location("notification/digest.txt") Template digestText,
            @Location("notification/digest.html") Template digestHtml, NotifierConfig config) {
        this.subject = subject;
        this.lead = lead;
        this.text = text;
        this.html = html;
        this.digestText = digestText;
        this.digestHtml = digestHtml;
        this.zone = config.timeZone();
    }

    public Rendered render(NotificationRequest r) {
        NotificationView v = NotificationView.of(r, zone);
        String s = oneLine(subject.data("n", v).render());
        String l = lead.data("n", v).render().strip();
        return new Rendered(s, text.data("n", v).data("lead", l).render(), html.data("n", v).data("lead", l).render());
    }

    public Rendered digest(List<NotificationRequest> members) {
        Map<String, Integer> perTarget = new LinkedHashMap<>();
        for (NotificationRequest r : members) {
            perTarget.merge(name(r), 1, Integer::sum);
        }
        List<DigestView.Item> items = members.stream().limit(DIGEST_LINES)
                .map(r -> new DigestView.Item(NotificationView.full(r.at(), zone), name(r),
                        r.kind() == null ? "" : r.kind().name(), r.summary() == null ? "" : r.summary()))
                .toList();
        DigestView v = new DigestView(members.size(), zone.getId(),
                perTarget.entrySet().stream().map(e -> new DigestView.TargetCount(e.getKey(), e.getValue())).toList(),
                items, Math.max(0, members.size() - DIGEST_LINES));
        String s = perTarget.size() == 1
                ? "[Revive] digest: " + members.size() + " notifications about " + perTarget.keySet().iterator().next()
                : "[Revive] digest: " + members.size() + " notifications about " + perTarget.size() + " targets";
        return new Rendered(s, digestText.data("d", v).render(), digestHtml.data("d", v).render());
    }

    private static String name(NotificationRequest r) {
        return r.targetName() == null || r.targetName().isBlank() ? String.valueOf(r.targetId()) : r.targetName();
    }

    private static String oneLine(String s) {
        return s.replaceAll("\\s+", " ").strip();
    }
}
