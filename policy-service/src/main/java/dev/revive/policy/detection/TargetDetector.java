package dev.revive.policy.detection;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import dev.revive.common.contract.ProbeResult;
import dev.revive.common.contract.TargetSpec.Detection;

/**
 * Consecutive failures and successes per location for one target, and the quorum rule over them. Pure in-memory
 * state, fed one ProbeResult at a time (not thread-safe: one health stream feeds it).
 *
 * <p>DOWN when at least a quorum of the locations heard within the window have failed {@code failureThreshold}
 * times in a row; UP when a quorum have succeeded {@code recoveryThreshold} times in a row. The quorum is the
 * rule's own, or a majority of the locations heard in the window.
 */
public final class TargetDetector {

    private static final class Location {
        int failures;
        int successes;
        Instant lastHeard;
        long lastSeq = Long.MIN_VALUE;
        Instant lastStarted;
        String proberId;
    }

    private final Map<String, Location> locations = new HashMap<>();
    private Verdict verdict = Verdict.UNKNOWN;

    public Verdict verdict() {
        return verdict;
    }

    /** Feeds one result; returns the new verdict when it changed, else null. */
    public Verdict observe(ProbeResult r, Detection rule) {
        String loc = r.location() == null ? "" : r.location();
        Location l = locations.computeIfAbsent(loc, k -> new Location());
        Instant at = r.startedAt() == null ? Instant.EPOCH : r.startedAt();
        // An older probe of the same prober arriving late changes nothing. Late means an earlier sequence number
        // AND no later start: a prober that gets the target back after a rebalance (or restarts under the same id)
        // counts again from 1, and its new results must not be taken for old ones.
        if (r.proberId() != null && r.proberId().equals(l.proberId) && r.seq() <= l.lastSeq
                && (l.lastStarted == null || !at.isAfter(l.lastStarted))) {
            return null;
        }
        l.proberId = r.proberId();
        l.lastSeq = r.seq();
        l.lastStarted = at;
        if (l.lastHeard == null || at.isAfter(l.lastHeard)) {
            l.lastHeard = at;
        }
        if (r.up() || WarningRules.isDrift(r)) { // a drifted page still answers: drift warns, it is not DOWN
            l.successes++;
            l.failures = 0;
        } else {
            l.failures++;
            l.successes = 0;
        }
        Instant windowStart = at.minusSeconds(rule.effectiveWindowSeconds());
        int heard = 0;
        int failing = 0;
        int passing = 0;
        for (Location x : locations.values()) {
            if (x.lastHeard != null && !x.lastHeard.isBefore(windowStart)) {
                heard++;
                if (x.failures >= rule.effectiveFailureThreshold()) {
                    failing++;
                }
                if (x.successes >= rule.effectiveRecoveryThreshold()) {
                    passing++;
                }
            }
        }
        int quorum = rule.quorum() != null ? rule.quorum() : heard / 2 + 1;
        Verdict next = verdict;
        if (failing >= quorum && verdict != Verdict.DOWN) {
            next = Verdict.DOWN;
        } else if (passing >= quorum && verdict != Verdict.UP) {
            next = Verdict.UP;
        }
        if (next == verdict) {
            return null;
        }
        verdict = next;
        return next;
    }

    /** Locations and their consecutive counts, for evidence in notifications. */
    public Map<String, String> evidence() {
        Map<String, String> out = new HashMap<>();
        locations.forEach((k, v) -> out.put("location." + k, v.failures > 0 ? v.failures + " failures" : v.successes + " successes"));
        return out;
    }
}
