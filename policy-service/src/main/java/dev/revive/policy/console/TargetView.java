package dev.revive.policy.console;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.revive.common.contract.TargetSpec;
import dev.revive.policy.detection.Verdict;
import dev.revive.policy.history.HistoryStore;
import dev.revive.policy.history.RecentResults;

/**
 * One target as the console's list shows it: its verdict, what each location last said (and how many agree), the
 * heartbeat bar of its last results, uptime over 24 h / 7 d / 30 d, latency, TLS days left, drift, and whether a
 * silence or an open incident covers it.
 */
public record TargetView(String id, String name, List<String> tags, String kind, String verdict, String state,
        List<LocationView> locations, String quorum, List<Beat> beats, String uptime24h, String uptime7d, String uptime30d,
        String latency, String tls, String drift, boolean silenced, boolean flapping, String incidentId) {

    /** A location's last word. */
    public record LocationView(String name, boolean up, String text) {
    }

    /** One bar of the heartbeat: css class and its tooltip. */
    public record Beat(String css, String title) {
    }

    static TargetView of(TargetSpec t, Verdict verdict, Map<String, String> evidence, List<RecentResults.Result> recent,
            Map<String, RecentResults.LocationState> locations, HistoryStore.Uptime[] uptime, boolean silenced, String incidentId) {
        List<LocationView> locs = new ArrayList<>();
        int up = 0;
        for (RecentResults.LocationState l : locations.values().stream().sorted((a, b) -> a.location().compareTo(b.location())).toList()) {
            String count = evidence.getOrDefault("location." + l.location(), "");
            String text = (l.up() ? "up" : "down" + (l.errorClass() == null ? "" : " (" + l.errorClass().name().toLowerCase(Locale.ROOT) + ")"))
                    + (count.isEmpty() ? "" : ", " + count);
            locs.add(new LocationView(l.location().isEmpty() ? "default" : l.location(), l.up(), text));
            if (l.up()) {
                up++;
            }
        }
        String quorum = locs.isEmpty() ? "no results yet" : up + " of " + locs.size() + " locations up"
                + (t.detection().quorum() == null ? "" : " (quorum " + t.detection().quorum() + ")");
        List<Beat> beats = recent.stream().map(r -> new Beat(r.up() ? "up" : "down",
                Instant.ofEpochSecond(r.epochSecond()) + " " + (r.location().isEmpty() ? "" : r.location() + " ")
                        + (r.up() ? "up" : "down" + (r.errorClass() == null ? "" : " " + r.errorClass().name())) + " " + r.latencyMs() + " ms"))
                .toList();
        boolean flapping = "true".equals(evidence.get("flapping"));
        String state = silenced ? "silenced" : flapping ? "flapping" : switch (verdict) {
            case UP -> "up";
            case DOWN -> "down";
            default -> "unknown";
        };
        Integer tls = locations.values().stream().map(RecentResults.LocationState::tlsDaysLeft).filter(x -> x != null).min(Integer::compare).orElse(null);
        Double drift = locations.values().stream().map(RecentResults.LocationState::driftChangedFraction).filter(x -> x != null).max(Double::compare).orElse(null);
        String latency = recent.isEmpty() ? "" : recent.get(recent.size() - 1).latencyMs() + " ms";
        return new TargetView(t.id(), t.name() == null ? t.id() : t.name(), t.tags(), t.probe() == null ? "" : String.valueOf(t.probe().kind()),
                verdict.name(), state, locs, quorum, beats, pct(uptime, 0), pct(uptime, 1), pct(uptime, 2), latency,
                tls == null ? "" : tls + " d", drift == null ? "" : String.format(Locale.ROOT, "%.0f%% changed", drift * 100),
                silenced, flapping, incidentId);
    }

    private static String pct(HistoryStore.Uptime[] u, int i) {
        if (u == null || u[i] == null || u[i].percent() == null) {
            return "–";
        }
        return String.format(Locale.ROOT, "%.2f%%", u[i].percent());
    }
}
