package dev.revive.policy.detection;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import dev.revive.common.contract.HostMetrics;
import dev.revive.common.contract.ProbeResult;
import dev.revive.common.contract.TargetSpec;
import dev.revive.policy.detection.WarningRules.Finding;
import dev.revive.policy.incident.IncidentCommand;
import dev.revive.policy.incident.service.IncidentService;
import dev.revive.policy.registry.TargetRegistry;
import io.smallrye.mutiny.Uni;

/**
 * Applies {@link WarningRules} and remembers, per target and rule, whether the condition last held, so that only a
 * change reaches PostgreSQL (raise: open a WARNING incident unless one is open for that rule; clear: resolve it).
 * After a restart the first finding of each rule is a change, so a warning left open is resolved once it clears.
 */
@ApplicationScoped
public class WarningService {

    @Inject
    IncidentService incidents;

    private final Map<String, Boolean> holding = new ConcurrentHashMap<>();
    private final Map<String, LatencyWindow> latencies = new ConcurrentHashMap<>();

    /** A target left the registry: its rules' memory and latency window go with it. */
    void onRemoved(@Observes TargetRegistry.TargetRemoved removed) {
        String id = removed.targetId();
        latencies.remove(id);
        holding.keySet().removeIf(k -> k.startsWith(id + '\u0000'));
    }

    /** Whether the warning rules keep anything about a target. */
    public boolean tracks(String targetId) {
        return latencies.containsKey(targetId) || holding.keySet().stream().anyMatch(k -> k.startsWith(targetId + '\u0000'));
    }

    /** The effect of a probe on the target's WARNING incidents, or null when nothing changes (the fast path). */
    public Uni<Void> onProbe(ProbeResult r, TargetSpec spec) {
        LatencyWindow window = null;
        if (spec.detection().latencyBudgetMs() != null && r.up()) {
            window = latencies.computeIfAbsent(r.targetId(), k -> new LatencyWindow());
            synchronized (window) {
                window.add(r.durationMicros());
            }
        } else if (spec.detection().latencyBudgetMs() != null) {
            window = latencies.get(r.targetId());
        }
        List<Finding> findings;
        if (window == null) {
            findings = WarningRules.ofProbe(r, spec, null);
        } else {
            synchronized (window) {
                findings = WarningRules.ofProbe(r, spec, window);
            }
        }
        Uni<Void> out = null;
        for (Finding f : findings) {
            Uni<Void> u = apply(r.targetId(), f);
            if (u != null) {
                out = out == null ? u : out.chain(() -> u);
            }
        }
        return out;
    }

    /** The effect of a host's metrics, or null when nothing changes. */
    public Uni<Void> onMetrics(HostMetrics m, TargetSpec spec) {
        Finding f = WarningRules.ofMetrics(m, spec);
        return f == null ? null : apply(m.targetId(), f);
    }

    /**
     * A finding whose caller already keeps its own state and passes only changes (the {@link Watchdog}): raised opens a
     * WARNING incident of its rule unless one is open, cleared resolves it. Fails when it could not be stored.
     */
    public Uni<Void> onFinding(String targetId, Finding f) {
        IncidentCommand c = f.holds() ? new IncidentCommand.WarningRaised(Instant.now(), f.rule(), f.reason(), f.evidence())
                : new IncidentCommand.WarningCleared(Instant.now(), f.reason());
        return Uni.createFrom().deferred(() -> incidents.onWarning(targetId, f.rule(), c)).replaceWithVoid();
    }

    private Uni<Void> apply(String targetId, Finding f) {
        String key = targetId + '\u0000' + f.rule();
        Boolean before = holding.put(key, f.holds());
        if (before != null && before == f.holds()) {
            return null;
        }
        IncidentCommand c = f.holds() ? new IncidentCommand.WarningRaised(Instant.now(), f.rule(), f.reason(), f.evidence())
                : new IncidentCommand.WarningCleared(Instant.now(), f.reason());
        return Uni.createFrom().deferred(() -> incidents.onWarning(targetId, f.rule(), c)).replaceWithVoid()
                .onFailure().invoke(() -> holding.remove(key)); // not stored: the next observation decides again
    }
}
