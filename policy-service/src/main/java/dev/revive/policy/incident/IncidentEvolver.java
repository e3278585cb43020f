package dev.revive.policy.incident;

import java.util.HashSet;
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
            case IncidentOpened e -> new IncidentState(e.incidentId(), e.targetId(), s.version(), e.severity(),
                    e.severity() == Severity.CRITICAL ? Phase.GRACE : Phase.STOPPED, Math.max(1, e.startStep()), 0, null,
                    false, null, e.at(), e.at(), null, e.evidence() == null ? null : e.evidence().get("address"), false,
                    false, s.notified(), null, e.evidence() == null ? null : e.evidence().get(IncidentState.RULE));
            case AdminNotified e -> {
                var ids = new HashSet<>(s.notified());
                ids.add(e.notificationId());
                yield new IncidentState(s.incidentId(), s.targetId(), s.version(), s.severity(), s.phase(), s.step(),
                        s.lastStepRun(), s.commandId(), s.held(), s.ackedBy(), s.openedAt(), s.phaseSince(),
                        s.resolvedAt(), s.address(), s.reprovisioned(), s.originalBack(), ids, s.heldBy(), s.rule());
            }
            case HoldPlaced e -> held(s, true, e.by());
            case HoldReleased e -> held(s, false, null);
            case Acknowledged e -> new IncidentState(s.incidentId(), s.targetId(), s.version(), s.severity(), s.phase(),
                    s.step(), s.lastStepRun(), s.commandId(), s.held(), e.by(), s.openedAt(), s.phaseSince(),
                    s.resolvedAt(), s.address(), s.reprovisioned(), s.originalBack(), s.notified(), s.heldBy(), s.rule());
            case RecoveryStepStarted e -> new IncidentState(s.incidentId(), s.targetId(), s.version(), s.severity(),
                    Phase.RUNNING, e.step(), e.step(), e.commandId(), s.held(), s.ackedBy(), s.openedAt(), e.at(),
                    s.resolvedAt(), s.address(), s.reprovisioned(), s.originalBack(), s.notified(), s.heldBy(), s.rule());
            case RecoveryStepSucceeded e -> new IncidentState(s.incidentId(), s.targetId(), s.version(), s.severity(),
                    Phase.VERIFYING, s.step(), s.lastStepRun(), s.commandId(), s.held(), s.ackedBy(), s.openedAt(), e.at(),
                    s.resolvedAt(), e.originalAddress() != null ? e.originalAddress() : s.address(),
                    s.reprovisioned() || e.newInstanceId() != null || e.newAddress() != null,
                    s.originalBack(), s.notified(), s.heldBy(), s.rule());
            // A failed step leaves the phase to what follows it in the same decision (Escalated or NeedsHuman).
            case RecoveryStepFailed e -> s.with(Phase.PENDING, e.at());
            case VerificationPassed e -> s;
            case VerificationFailed e -> s.with(Phase.PENDING, e.at());
            case Escalated e -> new IncidentState(s.incidentId(), s.targetId(), s.version(), s.severity(), Phase.PENDING,
                    e.toStep(), s.lastStepRun(), s.commandId(), s.held(), s.ackedBy(), s.openedAt(), e.at(),
                    s.resolvedAt(), s.address(), s.reprovisioned(), s.originalBack(), s.notified(), s.heldBy(), s.rule());
            case LadderExhausted e -> s.with(Phase.STOPPED, e.at());
            case NeedsHuman e -> s.with(Phase.STOPPED, e.at());
            case OriginalInstanceBack e -> new IncidentState(s.incidentId(), s.targetId(), s.version(), s.severity(),
                    s.phase(), s.step(), s.lastStepRun(), s.commandId(), s.held(), s.ackedBy(), s.openedAt(),
                    s.phaseSince(), s.resolvedAt(), s.address(), s.reprovisioned(), true, s.notified(), s.heldBy(), s.rule());
            case IncidentResolved e -> new IncidentState(s.incidentId(), s.targetId(), s.version(), s.severity(),
                    Phase.RESOLVED, s.step(), s.lastStepRun(), s.commandId(), false, s.ackedBy(), s.openedAt(), e.at(),
                    e.at(), s.address(), s.reprovisioned(), s.originalBack(), s.notified(), null, s.rule());
        };
        return new IncidentState(n.incidentId(), n.targetId(), s.version() + 1, n.severity(), n.phase(), n.step(),
                n.lastStepRun(), n.commandId(), n.held(), n.ackedBy(), n.openedAt(), n.phaseSince(), n.resolvedAt(),
                n.address(), n.reprovisioned(), n.originalBack(), n.notified(), n.heldBy(), n.rule());
    }

    private static IncidentState held(IncidentState s, boolean held, String by) {
        return new IncidentState(s.incidentId(), s.targetId(), s.version(), s.severity(), s.phase(), s.step(),
                s.lastStepRun(), s.commandId(), held, s.ackedBy(), s.openedAt(), s.phaseSince(), s.resolvedAt(),
                s.address(), s.reprovisioned(), s.originalBack(), s.notified(), held ? by : null, s.rule());
    }
}
