package dev.revive.actuator.driver.noop;

import java.util.Set;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import dev.revive.actuator.driver.ActionContext;
import dev.revive.actuator.driver.Driver;
import dev.revive.actuator.driver.Outcome;
import dev.revive.common.contract.Action;
import dev.revive.common.contract.RecoveryCommand;

/** Reports what it would do and touches nothing: for a staged roll-out of a new ladder. */
@ApplicationScoped
public class DryRunDriver implements Driver {

    @Override
    public Set<Action> actions() {
        return Set.of(Action.DRY_RUN);
    }

    @Override
    public Outcome run(RecoveryCommand command, ActionContext context) {
        String what = command.params().getOrDefault("describe", "nothing described");
        return Outcome.succeeded("dry run for target " + command.targetId() + " (step " + command.step() + "): would "
                + what + "; params " + new TreeMap<>(command.params()));
    }

    @Override
    public boolean resumable(RecoveryCommand command) {
        return true;
    }
}
