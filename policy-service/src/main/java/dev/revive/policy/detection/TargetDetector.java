package dev.revive.policy.detection;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
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
 *
 * <p>Flap damping: a target whose verdict went DOWN to UP or back at least {@link FlapDamping#changes()} times
 * within {@link FlapDamping#window()} is flapping. DOWN is never delayed; a flapping target's UP waits until the
 * passing quorum has held for {@link FlapDamping#holdDown()}, so that each flap does not resolve and reopen its
 * incident. All times are the probes' own start times: no clock.
 */
public final class TargetDetector {

    /**
     * Flap damping settings.
     *
     * @param changes  verdict changes within the window that make a target flapping; 0 turns damping off (a target's
     *                 {@code detection.flapChanges} overrides it; the window and hold-down are the service's)
     * @param window   how far back (in probe start times) verdict changes count
     * @param holdDown how long the passing quorum must hold before a flapping target is UP
     */
    public record FlapDamping(int changes, Duration window, Duration holdDown) {

        public static final FlapDamping OFF = new FlapDamping(0, Duration.ZERO, Duration.ZERO);
    }

    private static final class Location {
        int failures;
        /** A signal source (an alerting tool), not a probing location. */
        boolean signal;
        int successes;
        Instant lastHeard;
        long lastSeq = Long.MIN_VALUE;
        Instant lastStarted;
        String proberId;
    }

    private final FlapDamping damping;
    private final Map<String, Location> locations = new HashMap<>();
    /** Start times of the probes at which the verdict went DOWN to UP or back, oldest first, within the window. */
    private final Deque<Instant> changes = new ArrayDeque<>();
    private Verdict verdict = Verdict.UNKNOWN;
    /** The latest probe start heard: "now" for the flap window. */
    private Instant latest;
    /** Start of the probe at which the passing quorum was reached in the current streak; null while it is not met. */
    private Instant passingSince;
    /** The detection rule of the last probe observed, for {@link #evidence}. */
    private Detection lastRule;

    /** A detector without flap damping. */
    public TargetDetector() {
        this(FlapDamping.OFF);
    }

    public TargetDetector(FlapDamping damping) {
        this.damping = damping == null ? FlapDamping.OFF : damping;
    }

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
        if (latest == null || at.isAfter(latest)) {
            latest = at;
            if (!changes.isEmpty()) {
                prune();
            }
        }
        if (r.errorClass() == ProbeResult.ErrorClass.SIGNAL) {
            // An alert of another tool, already confirmed by its own rule ("for:"): firing counts as a failing
            // location at once; resolved, the source drops out of the quorum (it is no evidence of health).
            l.signal = true;
            l.failures = r.up() ? 0 : rule.effectiveFailureThreshold();
            l.successes = 0;
        } else if (r.up() || WarningRules.isDrift(r)) { // a drifted page still answers: drift warns, it is not DOWN
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
        boolean probeFailing = false;
        for (Location x : locations.values()) {
            if (x.signal) {
                // A firing signal counts until it is resolved (alerting tools do not repeat it every interval).
                if (x.failures > 0) {
                    heard++;
                    failing++;
                }
                continue;
            }
            if (x.lastHeard != null && !x.lastHeard.isBefore(windowStart)) {
                heard++;
                if (x.failures >= rule.effectiveFailureThreshold()) {
                    failing++;
                    probeFailing = true;
                }
                if (x.successes >= rule.effectiveRecoveryThreshold()) {
                    passing++;
                }
            }
        }
        int quorum = rule.quorum() != null ? rule.quorum() : heard / 2 + 1;
        if (passing < quorum) {
            passingSince = null;
        } else if (passingSince == null) {
            passingSince = at;
        }
        Verdict next = verdict;
        // Signals complete a quorum of probes; alone they act only where the target set its quorum itself.
        boolean enough = failing >= quorum && (probeFailing || rule.quorum() != null);
        if (enough && verdict != Verdict.DOWN) {
            next = Verdict.DOWN;
        } else if (passing >= quorum && verdict != Verdict.UP && !heldDown(at, rule)) {
            next = Verdict.UP;
        }
        if (next == verdict) {
            return null;
        }
        if (verdict != Verdict.UNKNOWN) { // kept even while damping is off for the target: its spec may turn it on
            changes.addLast(at);
        }
        lastRule = rule;
        verdict = next;
        return next;
    }

    /** Whether a flapping target's UP must still wait: its passing quorum has not held for the hold-down yet. */
    private boolean heldDown(Instant at, Detection rule) {
        return flapping(rule) && Duration.between(passingSince, at).compareTo(damping.holdDown()) < 0;
    }

    /**
     * Whether the verdict changed at least {@code changes} times within the window before the latest probe: the
     * target's own {@code flapChanges} when its spec sets one, else the service's; 0 is off.
     */
    private boolean flapping(Detection rule) {
        int threshold = rule != null && rule.flapChanges() != null ? rule.flapChanges() : damping.changes();
        return threshold > 0 && recentChanges() >= threshold;
    }

    /** Verdict changes within the window before the latest probe (pruning is left to observe: evidence only reads). */
    private int recentChanges() {
        if (latest == null) {
            return 0;
        }
        Instant from = latest.minus(damping.window());
        int n = 0;
        for (Instant c : changes) {
            if (!c.isBefore(from)) {
                n++;
            }
        }
        return n;
    }

    /** Forgets the changes that left the window, so that a long-lived target keeps only a window's worth. */
    private void prune() {
        Instant from = latest.minus(damping.window());
        changes.removeIf(c -> c.isBefore(from));
    }

    /** Locations and their consecutive counts (and whether the target is flapping), for evidence in notifications. */
    public Map<String, String> evidence() {
        Map<String, String> out = new HashMap<>();
        locations.forEach((k, v) -> out.put("location." + k, v.failures > 0 ? v.failures + " failures" : v.successes + " successes"));
        if (flapping(lastRule)) {
            out.put("flapping", "true");
            out.put("verdictChanges", Integer.toString(recentChanges()));
        }
        return out;
    }
}
