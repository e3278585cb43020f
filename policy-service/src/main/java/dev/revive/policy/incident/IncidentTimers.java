package dev.revive.policy.incident;

import java.time.Duration;
import java.time.Instant;

import dev.revive.common.contract.TargetSpec;

/** The one timer an incident needs in a given state, if any: a pure function of the state. */
public final class IncidentTimers {

    /** A timer to store: what it is, for which step, and when it is due. */
    public record Timer(TimerKind kind, int step, Instant dueAt) {
    }

    private IncidentTimers() {
    }

    public static Timer desired(IncidentState s, TargetSpec spec, Duration commandTtl) {
        return switch (s.phase()) {
            case GRACE -> s.held() ? null : new Timer(TimerKind.GRACE, s.step(), IncidentDecider.readyAt(s, spec));
            case RUNNING -> new Timer(TimerKind.RESULT, s.step(), s.phaseSince().plus(commandTtl));
            case VERIFYING -> new Timer(TimerKind.VERIFY, s.step(), s.phaseSince().plusSeconds(
                    spec == null ? TargetSpec.RecoveryPlan.defaults().effectiveVerifySeconds()
                            : spec.recovery().effectiveVerifySeconds()));
            default -> null;
        };
    }
}
