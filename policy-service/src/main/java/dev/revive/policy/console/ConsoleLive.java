package dev.revive.policy.console;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.revive.common.contract.IncidentEvent;
import dev.revive.policy.incident.DecisionCommitted;

/**
 * What changed for the console's live views: a counter per target and per incident, bumped by every committed
 * decision (through the {@link DecisionCommitted} seam). A live view compares them with what it sent last; health
 * results have their own counter ({@code RecentResults#version}).
 */
@ApplicationScoped
public class ConsoleLive {

    private final Map<String, AtomicLong> targets = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> incidents = new ConcurrentHashMap<>();

    void onCommitted(@Observes DecisionCommitted committed) {
        for (IncidentEvent e : committed.events()) {
            targets.computeIfAbsent(e.targetId(), k -> new AtomicLong()).incrementAndGet();
            incidents.computeIfAbsent(e.incidentId(), k -> new AtomicLong()).incrementAndGet();
        }
    }

    /** Marks an incident changed by something outside its decisions (a public note). */
    public void touched(String incidentId) {
        incidents.computeIfAbsent(incidentId, k -> new AtomicLong()).incrementAndGet();
    }

    public long target(String id) {
        AtomicLong v = targets.get(id);
        return v == null ? 0 : v.get();
    }

    public long incident(String id) {
        AtomicLong v = incidents.get(id);
        return v == null ? 0 : v.get();
    }
}
