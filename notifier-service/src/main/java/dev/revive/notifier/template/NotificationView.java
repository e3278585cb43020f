package dev.revive.notifier.template;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.revive.common.contract.NotificationRequest;
import io.quarkus.qute.TemplateData;

/**
 * What the templates see of a request: times already written in the configured zone, the outage's duration worked
 * out from the facts, links by name.
 */
@TemplateData
public record NotificationView(
        String kind,
        String targetName,
        String targetId,
        String incidentId,
        String severity,
        int step,
        String action,
        String summary,
        String at,
        String scheduledAt,
        String zone,
        String outage,
        String holdLink,
        String ackLink,
        String incidentLink,
        List<Fact> facts,
        List<Line> timeline) {

    @TemplateData
    public record Fact(String name, String value) {
    }

    @TemplateData
    public record Line(String at, String text) {
    }

    /** Fact keys read for the outage's duration, in order: an ISO-8601 duration, seconds, or when it went down. */
    public static final String OUTAGE_DURATION = "outageDuration";
    public static final String OUTAGE_SECONDS = "outageSeconds";
    public static final String DOWN_SINCE = "downSince";

    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter FULL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    public static NotificationView of(NotificationRequest r, ZoneId zone) {
        String name = r.targetName() == null || r.targetName().isBlank() ? r.targetId() : r.targetName();
        List<Fact> facts = new TreeMap<>(r.facts()).entrySet().stream().map(e -> new Fact(e.getKey(), e.getValue())).toList();
        List<Line> timeline = r.timeline().stream().map(t -> new Line(full(t.at(), zone), t.text())).toList();
        return new NotificationView(r.kind() == null ? "WARNING" : r.kind().name(), name, r.targetId(), r.incidentId(),
                r.severity() == null ? "" : r.severity().name(), r.step(), r.action(), r.summary(), full(r.at(), zone),
                r.scheduledAt() == null ? "" : HH_MM.format(r.scheduledAt().atZone(zone)), zone.getId(),
                outage(r), link(r.links(), "hold"), link(r.links(), "ack"), link(r.links(), "incident"), facts, timeline);
    }

    static String full(Instant t, ZoneId zone) {
        return t == null ? "" : FULL.format(t.atZone(zone)) + " " + zone.getId();
    }

    private static String link(Map<String, String> links, String name) {
        String v = links.get(name);
        return v == null || v.isBlank() ? null : v;
    }

    /** The outage's duration in words ("1h 02m", "12m 30s"), or null when the facts do not tell. */
    static String outage(NotificationRequest r) {
        Map<String, String> f = r.facts();
        try {
            if (f.containsKey(OUTAGE_DURATION)) {
                return words(Duration.parse(f.get(OUTAGE_DURATION)));
            }
            if (f.containsKey(OUTAGE_SECONDS)) {
                return words(Duration.ofSeconds(Long.parseLong(f.get(OUTAGE_SECONDS).trim())));
            }
            if (f.containsKey(DOWN_SINCE) && r.at() != null) {
                return words(Duration.between(Instant.parse(f.get(DOWN_SINCE)), r.at()));
            }
        } catch (DateTimeParseException | NumberFormatException e) {
            return null;
        }
        return null;
    }

    static String words(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s >= 86_400) {
            return String.format("%dd %02dh %02dm", s / 86_400, s % 86_400 / 3600, s % 3600 / 60);
        }
        if (s >= 3600) {
            return String.format("%dh %02dm", s / 3600, s % 3600 / 60);
        }
        if (s >= 60) {
            return String.format("%dm %02ds", s / 60, s % 60);
        }
        return s + "s";
    }
}
