package dev.revive.policy.incident;

import java.util.List;

import dev.revive.common.contract.IncidentEvent;
import dev.revive.common.contract.RecoveryCommand;

/**
 * What a decision produced: the events to append and the (unsigned) commands they issue. Notifications and
 * timers are derived from the events and the resulting state at the edge.
 */
public record Decision(List<IncidentEvent> events, List<RecoveryCommand> commands, IncidentState state) {

    public boolean isEmpty() {
        return events.isEmpty();
    }
}
