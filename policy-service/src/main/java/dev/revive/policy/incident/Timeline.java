package dev.revive.policy.incident;

import dev.revive.common.contract.IncidentEvent;
import dev.revive.common.contract.IncidentEvent.Acknowledged;
import dev.revive.common.contract.IncidentEvent.AdminNotified;
import dev.revive.common.contract.IncidentEvent.Escalated;
import dev.revive.common.contract.IncidentEvent.HoldPlaced;
import dev.revive.common.contract.IncidentEvent.HoldReleased;
import dev.revive.common.contract.IncidentEvent.IncidentOpened;
import dev.revive.common.contract.IncidentEvent.IncidentResolved;
import dev.revive.common.contract.IncidentEvent.LadderExhausted;
import dev.revive.common.contract.IncidentEvent.NeedsHuman;
import dev.revive.common.contract.IncidentEvent.OriginalInstanceBack;
import dev.revive.common.contract.IncidentEvent.RecoveryStepFailed;
import dev.revive.common.contract.IncidentEvent.RecoveryStepStarted;
import dev.revive.common.contract.IncidentEvent.RecoveryStepSucceeded;
import dev.revive.common.contract.IncidentEvent.ReplacementAdopted;
import dev.revive.common.contract.IncidentEvent.VerificationFailed;
import dev.revive.common.contract.IncidentEvent.VerificationPassed;

/** One human line per event, for timelines in notifications and the REST API. */
public final class Timeline {

    private Timeline() {
    }

    public static String describe(IncidentEvent event) {
        return switch (event) {
            case IncidentOpened e -> e.severity() + " incident opened: " + e.reason()
                    + (e.startStep() > 1 ? " (continues the ladder at step " + e.startStep() + ")" : "");
            case AdminNotified e -> "notification " + e.notificationId() + " delivered";
            case HoldPlaced e -> "hold placed by " + e.by() + (e.reason() == null ? "" : ": " + e.reason());
            case HoldReleased e -> "hold released by " + e.by();
            case Acknowledged e -> "acknowledged by " + e.by();
            case RecoveryStepStarted e -> "step " + e.step() + " started: " + e.action() + " (command " + e.commandId() + ")";
            case RecoveryStepSucceeded e -> "step " + e.step() + " done" + (e.detail() == null ? "" : ": " + e.detail())
                    + (e.newAddress() == null ? "" : "; now served by " + e.newAddress())
                    + (e.originalAddress() == null ? "" : "; watching the original "
                            + (e.originalInstanceId() == null ? "instance" : e.originalInstanceId()) + " at " + e.originalAddress());
            case ReplacementAdopted e -> "replacement adopted: " + e.replacedInstanceId() + " → " + e.instanceId()
                    + (e.region() == null ? "" : " in " + e.region() + " (was " + e.replacedRegion() + ")")
                    + (e.droppedElasticIp() == null ? "" : "; Elastic IP " + e.droppedElasticIp()
                            + " stays in its region and is no longer the target's")
                    + (e.address() == null ? "" : "; probing " + e.address() + " instead of " + e.replacedAddress())
                    + "; the next action goes to " + e.instanceId();
            case RecoveryStepFailed e -> "step " + e.step() + " failed: " + e.reason()
                    + (e.nonRecoverable() ? " (non-recoverable)" : "");
            case VerificationPassed e -> "verification of step " + e.step() + " passed";
            case VerificationFailed e -> "verification of step " + e.step() + " failed: target still down";
            case Escalated e -> "escalated from step " + e.fromStep() + " to step " + e.toStep() + ": " + e.why();
            case LadderExhausted e -> "ladder exhausted: notify only from here on";
            case NeedsHuman e -> "needs a human: " + e.reason();
            case OriginalInstanceBack e -> "original instance answers again at " + e.address();
            case IncidentResolved e -> "resolved after " + e.downtimeSeconds() + " s: " + e.reason();
        };
    }
}
