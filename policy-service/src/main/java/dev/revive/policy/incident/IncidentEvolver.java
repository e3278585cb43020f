package dev.revive.policy.incident;

import java.util.List;

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
import dev.revive.common.contract.Severity;

/** The pure fold: {@code evolve(state, event) -> state}. No I/O, no clock. */
public final class IncidentEvolver {

    private IncidentEvolver() {
    }

    public static IncidentState fold(IncidentState initial, List<? extends IncidentEvent> events) {
        IncidentState s = initial;
        for (IncidentEvent e : events) {
            s = evolve(s, e);
        }
        return s;
    }

    public static IncidentState evolve(IncidentState s, IncidentEvent event) {
        IncidentState n = switch (event) {
            case IncidentOpened e -> s.withOpening(
                    new IncidentState.Opening(e.incidentId(), e.targetId(), e.severity(), e.at(), evidence(e, IncidentState.RULE)),
                    e.severity() == Severity.CRITICAL ? Phase.GRACE : Phase.STOPPED,
                    new IncidentState.LadderPosition(Math.max(1, e.startStep()), 0, null),
                    new IncidentState.OriginalInstance(evidence(e, "address"), false, false));
            case AdminNotified e -> s.withNotified(e.notificationId());
            case HoldPlaced e -> s.with(new IncidentState.Hold(true, e.by()));
            case HoldReleased e -> s.with(IncidentState.Hold.NONE);
            case Acknowledged e -> s.withAckedBy(e.by());
            case RecoveryStepStarted e -> s.with(new IncidentState.LadderPosition(e.step(), e.step(), e.commandId()))
                    .with(Phase.RUNNING, e.at());
            case RecoveryStepSucceeded e -> s.with(new IncidentState.OriginalInstance(
                    e.originalAddress() != null ? e.originalAddress() : s.address(),
                    s.reprovisioned() || e.newInstanceId() != null || e.newAddress() != null, s.originalBack(),
                    s.adoptedBy()))
                    .with(Phase.VERIFYING, e.at());
            // The target's spec changes with it (in the same write); the incident's own state only remembers that.
            case ReplacementAdopted e -> s.with(new IncidentState.OriginalInstance(s.address(), true, s.originalBack(),
                    e.commandId()));
            // A failed step leaves the phase to what follows it in the same decision (Escalated or NeedsHuman).
            case RecoveryStepFailed e -> s.with(Phase.PENDING, e.at());
            case VerificationPassed e -> s;
            case VerificationFailed e -> s.with(Phase.PENDING, e.at());
            case Escalated e -> s.with(new IncidentState.LadderPosition(e.toStep(), s.lastStepRun(), s.commandId()))
                    .with(Phase.PENDING, e.at());
            case LadderExhausted e -> s.with(Phase.STOPPED, e.at());
            case NeedsHuman e -> s.with(Phase.STOPPED, e.at());
            case OriginalInstanceBack e -> s.with(new IncidentState.OriginalInstance(s.address(), s.reprovisioned(), true,
                    s.adoptedBy()));
            case IncidentResolved e -> s.resolvedAt(e.at());
        };
        return n.withVersion(s.version() + 1);
    }

    private static String evidence(IncidentOpened e, String key) {
        return e.evidence() == null ? null : e.evidence().get(key);
    }
}
