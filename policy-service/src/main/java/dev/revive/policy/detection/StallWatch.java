package dev.revive.policy.detection;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import dev.revive.common.contract.TargetSpec;
import dev.revive.policy.detection.WarningRules.Finding;
import dev.revive.policy.incident.OriginalWatch;

/**
 * When each target last got a trusted result from each location, and the sweep that turns silence into
 * {@value WarningRules#RESULTS_MISSING} findings: a stalled prober must never look like a healthy site. No clock of
 * its own and no timer per target: the caller passes the time (policy clock, milliseconds) and sweeps every few
 * seconds over the map, which costs a few map reads per target and location.
 *
 * <p>A target expects results from the locations it names, else from the configured ones, else from those it has
 * been heard from. A location is silent for it when nothing came from there for {@code missed} probe intervals plus
 * the slack since the last result, or since the target was first swept when none ever came. A sweep returns only the
 * changes: raised for a target that became silent (or whose silent locations changed), cleared for one whose results
 * came back.
 */
public final class StallWatch {

    private final List<String> configured;
    private final int missed;
    private final long slackMillis;
    private final Map<String, Map<String, Long>> heard = new ConcurrentHashMap<>();
    private final Map<String, Long> watchedSince = new ConcurrentHashMap<>();
    /** Targets whose finding holds, with the silent locations it named. */
    private final Map<String, Set<String>> raised = new ConcurrentHashMap<>();

    public StallWatch(List<String> configured, int missed, Duration slack) {
        this.configured = List.copyOf(configured);
        this.missed = missed;
        this.slackMillis = slack.toMillis();
    }

    /** A trusted result of {@code targetId} from {@code location} arrived at {@code now}. */
    public void heard(String targetId, String location, long now) {
        heard.computeIfAbsent(targetId, k -> new ConcurrentHashMap<>(4)).put(location, now);
    }

    /** A finding that holds was stored before (at start: a warning left open): the sweep clears it when due. */
    public void raisedBefore(String targetId) {
        raised.putIfAbsent(targetId, Set.of());
    }

    /** A finding could not be stored: the next sweep decides again. */
    public void undo(String targetId, boolean wasRaise) {
        if (wasRaise) {
            raised.remove(targetId);
        } else {
            raised.putIfAbsent(targetId, Set.of());
        }
    }

    /** A change a sweep found. */
    public record Change(String targetId, Finding finding) {
    }

    /** The changes at {@code now} over every registered target (one instance consumes all results). */
    public List<Change> sweep(Collection<TargetSpec> targets, long now) {
        return sweep(targets, id -> true, now);
    }

    /**
     * The changes at {@code now} over the registered targets whose results this instance consumes ({@code owned});
     * forgets the others and the targets that are gone, so that a target that moves here is watched afresh.
     */
    public List<Change> sweep(Collection<TargetSpec> targets, java.util.function.Predicate<String> owned, long now) {
        List<Change> out = new ArrayList<>();
        Set<String> present = new HashSet<>(targets.size() * 2);
        for (TargetSpec t : targets) {
            if (OriginalWatch.isDerived(t) || (t.probe() != null && t.probe().kind() == TargetSpec.ProbeKind.HOST_AGENT)
                    || !owned.test(t.id())) {
                continue; // a watch that ends by design, host agents (metrics, not probe results), another replica's
            }
            present.add(t.id());
            long since = watchedSince.computeIfAbsent(t.id(), k -> now);
            Map<String, Long> last = heard.getOrDefault(t.id(), Map.of());
            long interval = t.probe() == null ? TargetSpec.Probe.DEFAULT_INTERVAL_MS : t.probe().effectiveIntervalMs();
            long bound = missed * interval + slackMillis;
            Map<String, Long> silent = new TreeMap<>();
            for (String loc : expected(t, last)) {
                long from = last.getOrDefault(loc, since);
                if (now - from > bound) {
                    silent.put(loc, now - from);
                }
            }
            Set<String> before = raised.get(t.id());
            if (!silent.isEmpty() && (before == null || !before.equals(silent.keySet()))) {
                raised.put(t.id(), Set.copyOf(silent.keySet()));
                out.add(new Change(t.id(), finding(t, silent, last, interval, bound)));
            } else if (silent.isEmpty() && before != null) {
                raised.remove(t.id());
                out.add(new Change(t.id(), new Finding(WarningRules.RESULTS_MISSING, false, "probe results arrive again", Map.of())));
            }
        }
        heard.keySet().retainAll(present);
        watchedSince.keySet().retainAll(present);
        raised.keySet().retainAll(present);
        return out;
    }

    private Collection<String> expected(TargetSpec t, Map<String, Long> last) {
        if (!t.locations().isEmpty()) {
            return t.locations();
        }
        return configured.isEmpty() ? last.keySet() : configured;
    }

    private static Finding finding(TargetSpec t, Map<String, Long> silent, Map<String, Long> last, long interval, long bound) {
        Map<String, String> evidence = new LinkedHashMap<>();
        evidence.put("silentLocations", String.join(",", silent.keySet()));
        evidence.put("intervalMs", Long.toString(interval));
        evidence.put("allowedSilenceMs", Long.toString(bound));
        StringBuilder reason = new StringBuilder("no probe results");
        silent.forEach((loc, ms) -> {
            evidence.put("silentMs." + loc, Long.toString(ms));
            evidence.put("everHeard." + loc, Boolean.toString(last.containsKey(loc)));
        });
        reason.append(" from ").append(String.join(", ", silent.keySet())).append(" for over ")
                .append(Duration.ofMillis(bound).toSeconds()).append(" s (probed every ").append(interval)
                .append(" ms): the prober may be stalled, the target is not being watched");
        return new Finding(WarningRules.RESULTS_MISSING, true, reason.toString(), evidence);
    }
}
