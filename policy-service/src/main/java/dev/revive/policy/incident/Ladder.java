package dev.revive.policy.incident;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.revive.common.contract.Action;
import dev.revive.common.contract.TargetSpec;
import dev.revive.common.contract.TargetSpec.LadderStep;

/** A target's escalation ladder: its own steps, or the default one built from its AWS instance. */
public final class Ladder {

    private Ladder() {
    }

    /**
     * The steps, 1-based in the decider. With none configured and an EC2 instance known: reboot → re-provision in
     * the region (when a snapshot tag is set) → re-provision in the DR region (when a DR region is set too).
     * Without either, the ladder is empty: notify only.
     */
    public static List<LadderStep> steps(TargetSpec spec) {
        if (spec == null) {
            return List.of();
        }
        if (!spec.recovery().steps().isEmpty()) {
            return spec.recovery().steps();
        }
        var aws = spec.aws();
        List<LadderStep> out = new ArrayList<>();
        if (aws != null && aws.instanceId() != null && aws.region() != null) {
            out.add(new LadderStep(Action.AWS_EC2_REBOOT.wireName(), Map.of()));
            if (aws.snapshotTag() != null) {
                out.add(new LadderStep(Action.AWS_REPROVISION.wireName(), Map.of()));
                if (aws.drRegion() != null) {
                    out.add(new LadderStep(Action.AWS_REPROVISION_DR.wireName(), Map.of()));
                }
            }
        }
        return out;
    }

    /** Step {@code n} (1-based), or null when the ladder has no such step or it only notifies. */
    public static LadderStep step(TargetSpec spec, int n) {
        List<LadderStep> steps = steps(spec);
        if (n < 1 || n > steps.size()) {
            return null;
        }
        LadderStep s = steps.get(n - 1);
        return s.actionType() == Action.NOTIFY_ONLY ? null : s;
    }
}
