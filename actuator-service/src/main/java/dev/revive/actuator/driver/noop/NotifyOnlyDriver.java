package dev.revive.actuator.driver.noop;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import dev.revive.actuator.driver.ActionContext;
import dev.revive.actuator.driver.Driver;
import dev.revive.actuator.driver.Outcome;
import dev.revive.common.contract.Action;
import dev.revive.common.contract.RecoveryCommand;

/** The last rung of the ladder: people are told by the notifier, nothing is acted on here. */
@ApplicationScoped
public class NotifyOnlyDriver implements Driver {

    @Override
    public Set<Action> actions() {
        return Set.of(Action.NOTIFY_ONLY);
    }

    @Override
    public Outcome run(RecoveryCommand command, ActionContext context) {
        return Outcome.succeeded("notify only: no action taken");
    }

    @Override
    public boolean resumable(RecoveryCommand command) {
        return true;
    }
}
