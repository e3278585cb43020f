package dev.revive.actuator.driver;

import java.util.Set;

import dev.revive.common.contract.Action;
import dev.revive.common.contract.RecoveryCommand;

/**
 * One way of bringing a target back. A driver runs on a worker thread, may block, and must give up when
 * interrupted (the actuator's per-action timeout interrupts it).
 */
public interface Driver {

    /** The allow-listed actions this driver runs. */
    Set<Action> actions();

    /**
     * Runs the action. Returns the outcome, or throws {@link ActionFailedException} for a failure with a reason;
     * any other exception is reported as a (recoverable) failure.
     */
    Outcome run(RecoveryCommand command, ActionContext context) throws InterruptedException;

    /**
     * True when running the command again after a crash mid-action has the same effect as running it once (EC2
     * RunInstances with ClientToken = command id, AssociateAddress, a rollout pinned to the command's time). Such
     * commands are resumed; others are reported OUTCOME_UNKNOWN, never repeated.
     */
    default boolean resumable(RecoveryCommand command) {
        return false;
    }
}
