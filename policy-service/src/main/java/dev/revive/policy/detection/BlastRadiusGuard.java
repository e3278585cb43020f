package dev.revive.policy.detection;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Fleet-wide guard: when more than a share of the known targets went DOWN within a short window, the likely cause
 * is the probers' own network, so actions are held. Pure bookkeeping, fed with detection's DOWN verdicts.
 */
public final class BlastRadiusGuard {

    private final double share;
    private final int minTargets;
    private final Duration window;
    private final Map<String, Instant> downs = new HashMap<>();
    private boolean tripped;

    public BlastRadiusGuard(double share, int minTargets, Duration window) {
        this.share = share;
        this.minTargets = minTargets;
        this.window = window;
    }

    /** Records a DOWN; returns true only when this DOWN trips the guard (the moment to tell people, once). */
    public synchronized boolean recordDown(String targetId, Instant now, int fleetSize) {
        downs.put(targetId, now);
        boolean was = tripped;
        return suspect(now, fleetSize) && !was;
    }

    /** Whether actions should be held now. */
    public synchronized boolean suspect(Instant now, int fleetSize) {
        Instant from = now.minus(window);
        downs.values().removeIf(t -> t.isBefore(from));
        tripped = fleetSize >= minTargets && downs.size() > share * fleetSize;
        return tripped;
    }

    public synchronized int recentDowns() {
        return downs.size();
    }
}
