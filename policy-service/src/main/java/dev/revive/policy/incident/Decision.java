package dev.revive.policy.incident;

import java.util.List;

import dev.revive.common.contract.IncidentEvent;
import dev.revive.common.contract.RecoveryCommand;
import dev.revive.common.contract.TargetSpec;

/**
 * What a decision produced: the events to append, the (unsigned) commands they issue and the target specs they
 * rewrite (a replacement adopted), all written together. Notifications and timers are derived from the events and
 * the resulting state at the edge.
 */
public record Decision(List<IncidentEvent> events, List<RecoveryCommand> commands, IncidentState state,
        List<Rewrite> targets) {

    /** A target spec the decision rewrites: {@code before} as the decision read it, {@code after} as it is to be. */
    public record Rewrite(TargetSpec before, TargetSpec after) {
    }

    public Decision(List<IncidentEvent> events, List<RecoveryCommand> commands, IncidentState state) {
        this(events, commands, state, List.of());
    }

    public boolean isEmpty() {
        return events.isEmpty();
    }
}
