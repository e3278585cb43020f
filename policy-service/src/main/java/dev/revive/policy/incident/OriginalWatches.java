package dev.revive.policy.incident;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import dev.revive.common.contract.IncidentEvent;
import dev.revive.common.contract.TargetSpec;
import dev.revive.policy.registry.TargetRegistry;

/**
 * Keeps the target cache in step with the original instance's watch once a decision committed: a re-provision's
 * success starts watching the old instance ({@code <id>.original}), its coming back ends it. The rows themselves are
 * written with the decision ({@code incident.service.IncidentService}); this is only the in-memory side.
 */
@ApplicationScoped
class OriginalWatches {

    @Inject
    TargetRegistry registry;

    void onCommitted(@Observes DecisionCommitted committed) {
        for (IncidentEvent e : committed.events()) {
            if (e instanceof IncidentEvent.RecoveryStepSucceeded s && s.originalAddress() != null) {
                TargetSpec watch = OriginalWatch.derive(registry.get(s.targetId()), s.incidentId(), s.originalAddress());
                if (watch != null) {
                    registry.remember(watch);
                }
            } else if (e instanceof IncidentEvent.OriginalInstanceBack) {
                registry.forget(OriginalWatch.idFor(e.targetId()));
            }
        }
    }
}
