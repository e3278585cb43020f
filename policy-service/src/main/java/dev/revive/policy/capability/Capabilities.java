package dev.revive.policy.capability;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.revive.common.contract.ActuatorCapabilities;
import dev.revive.common.contract.TargetSpec;
import dev.revive.common.contract.TargetSpec.LadderStep;
import dev.revive.common.validation.Violation;
import dev.revive.policy.registry.api.TargetCheck;

/**
 * What the actuators can run, as they published it on {@code revive.capabilities}, and the check that a target's
 * ladder steps and drill ask only for that. Until an actuator has been heard the check accepts everything (and says
 * so in the log): a policy that starts before any actuator, or next to an actuator too old to publish, must still
 * take targets, and the actuator itself refuses an unknown command when it comes to run it.
 */
@ApplicationScoped
public class Capabilities implements TargetCheck {

    private static final Logger LOG = Logger.getLogger(Capabilities.class);

    private final Map<String, ActuatorCapabilities> byActuator = new ConcurrentHashMap<>();

    /** An actuator's latest capabilities (the key of its record). */
    public void offered(String actuator, ActuatorCapabilities c) {
        byActuator.put(actuator, c);
    }

    /** A tombstone: that actuator is gone. */
    public void withdrawn(String actuator) {
        byActuator.remove(actuator);
    }

    /** True while at least one actuator's capabilities are known (all withdrawn: nothing is known, as at first). */
    public boolean heard() {
        return !byActuator.isEmpty();
    }

    public Collection<ActuatorCapabilities> all() {
        return byActuator.values().stream().sorted(java.util.Comparator.comparing(ActuatorCapabilities::actuator)).toList();
    }

    /** What no actuator could run in a target's ladder and drill; empty before any actuator was heard. */
    @Override
    public List<Violation> check(TargetSpec spec) {
        if (spec == null) {
            return List.of();
        }
        List<LadderStep> steps = spec.recovery() == null ? List.of() : spec.recovery().steps();
        LadderStep drill = spec.drill() == null ? null : spec.drill().stop();
        if (steps.isEmpty() && drill == null) {
            return List.of();
        }
        if (!heard()) {
            LOG.infof("target %s: steps accepted unchecked, no actuator has published its capabilities yet", spec.id());
            return List.of();
        }
        List<Violation> out = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            step("recovery.steps[" + i + "]", steps.get(i), out);
        }
        if (drill != null) {
            step("drill.stop", drill, out);
        }
        return out;
    }

    private void step(String path, LadderStep step, List<Violation> out) {
        if (step == null || step.action() == null) {
            return; // the spec validator reports it
        }
        var all = byActuator.values();
        TreeSet<String> actions = new TreeSet<>();
        all.forEach(c -> actions.addAll(c.actions()));
        if (!actions.contains(step.action())) {
            out.add(new Violation(path + ".action", "no actuator offers action '" + step.action() + "'; offered: " + actions));
            return;
        }
        Map<String, String> params = step.params() == null ? Map.of() : step.params();
        if (step.action().equals("exec")) {
            String name = params.get("command");
            if (name == null) {
                return; // required: the spec validator reports it
            }
            var commands = all.stream().flatMap(c -> c.execCommands().stream()).toList();
            var named = commands.stream().filter(c -> name.equals(c.name())).toList();
            if (named.isEmpty()) {
                out.add(new Violation(path + ".params.command", "no actuator offers exec command '" + name + "'; offered: "
                        + new TreeSet<>(commands.stream().map(ActuatorCapabilities.ExecCommand::name).toList())));
                return;
            }
            TreeSet<String> accepted = new TreeSet<>();
            named.forEach(c -> accepted.addAll(c.parameters()));
            for (String p : params.keySet()) {
                if (!p.equals("command") && !accepted.contains(p)) {
                    out.add(new Violation(path + ".params." + p, "exec command '" + name + "' takes no parameter '" + p
                            + "'; it takes " + accepted));
                }
            }
        } else if (step.action().equals("aws-ssm-command")) {
            String template = params.get("template");
            TreeSet<String> templates = new TreeSet<>();
            all.forEach(c -> templates.addAll(c.ssmTemplates()));
            if (template != null && !templates.contains(template)) {
                out.add(new Violation(path + ".params.template", "no actuator offers SSM template '" + template + "'; offered: "
                        + templates));
            }
        }
    }
}
