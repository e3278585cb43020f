package dev.revive.policy.detection;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import dev.revive.common.contract.ProbeResult;
import dev.revive.common.contract.TargetSpec;
import dev.revive.policy.config.PolicyConfig;
import dev.revive.policy.detection.TargetDetector.FlapDamping;
import dev.revive.policy.registry.TargetRegistry;

/**
 * Detection state of every target, in memory for speed (a restart starts the counts afresh; the decisions they led
 * to are durable events). Also remembers recent ProbeResult ids so that a redelivered result changes nothing.
 */
@ApplicationScoped
public class DetectionService {

    private static final int SEEN_CAPACITY = 200_000;

    private final FlapDamping damping;
    private final Map<String, TargetDetector> detectors = new ConcurrentHashMap<>();
    private final Map<String, Boolean> seen = new LinkedHashMap<>(1 << 16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > SEEN_CAPACITY;
        }
    };

    @Inject
    DetectionService(PolicyConfig config) {
        this(new FlapDamping(config.detection().flapChanges(), config.detection().flapWindow(),
                config.detection().flapHoldDown()));
    }

    DetectionService(FlapDamping damping) {
        this.damping = damping;
    }

    /** Feeds a result; returns the target's new verdict when it changed, null otherwise (and for duplicates). */
    public Verdict observe(ProbeResult r, TargetSpec spec) {
        synchronized (seen) {
            if (r.id() != null && seen.put(r.id(), Boolean.TRUE) != null) {
                return null;
            }
        }
        TargetDetector d = detectors.computeIfAbsent(r.targetId(), k -> new TargetDetector(damping));
        synchronized (d) {
            return d.observe(r, spec.detection());
        }
    }

    public Verdict verdict(String targetId) {
        TargetDetector d = detectors.get(targetId);
        return d == null ? Verdict.UNKNOWN : d.verdict();
    }

    public Map<String, String> evidence(String targetId) {
        TargetDetector d = detectors.get(targetId);
        if (d == null) {
            return Map.of();
        }
        synchronized (d) {
            return d.evidence();
        }
    }

    /** A target left the registry: its counts and flap history go with it. */
    void onRemoved(@Observes TargetRegistry.TargetRemoved removed) {
        forget(removed.targetId());
    }

    /** Whether detection keeps anything about a target. */
    public boolean tracks(String targetId) {
        return detectors.containsKey(targetId);
    }

    /** Drops a target's counts (its decision could not be stored: the next probes decide again). */
    public void forget(String targetId) {
        detectors.remove(targetId);
    }
}
