package dev.revive.policy.incident;

import java.time.Duration;
import java.time.Instant;

import dev.revive.common.contract.TargetSpec;

/**
 * Everything outside the incident's own events that a decision may look at, gathered at the edge.
 *
 * @param now             the decision's clock
 * @param spec            the target (null when it was deleted: then nothing acts)
 * @param targetUp        detection's current verdict on the target
 * @param actionsToday    recovery commands issued for the target in the last 24 h (the action budget)
 * @param networkSuspect  the blast-radius guard tripped: actions are held
 * @param previous        the target's last resolved incident, for the reset window (null when none)
 * @param commandTtl      how long a command stays valid
 * @param silenced        a silence covers the target now: incidents are recorded, the ladder is held, nobody is told
 */
public record DecisionContext(
        Instant now,
        TargetSpec spec,
        boolean targetUp,
        int actionsToday,
        boolean networkSuspect,
        Previous previous,
        Duration commandTtl,
        boolean silenced) {

    /** The last resolved incident of the target. */
    public record Previous(String incidentId, Instant resolvedAt, int lastStepRun) {
    }
}
