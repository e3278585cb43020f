package dev.revive.policy.drill;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import dev.revive.common.contract.IncidentEvent;
import dev.revive.common.contract.IncidentEvent.AdminNotified;
import dev.revive.common.contract.IncidentEvent.IncidentOpened;
import dev.revive.common.contract.IncidentEvent.IncidentResolved;
import dev.revive.common.contract.IncidentEvent.LadderExhausted;
import dev.revive.common.contract.IncidentEvent.NeedsHuman;
import dev.revive.common.contract.IncidentEvent.RecoveryStepFailed;
import dev.revive.common.contract.IncidentEvent.RecoveryStepStarted;
import dev.revive.common.contract.IncidentEvent.RecoveryStepSucceeded;
import dev.revive.common.contract.IncidentEvent.VerificationPassed;
import dev.revive.policy.drill.Drill.Mode;
import dev.revive.policy.drill.Drill.State;

/**
 * Where a drill stands, as a pure function of the drill and its incident's events: the stages with their time
 * since the drill started, whether the loop closed (a step verified and the incident resolved, before the
 * deadline), and whether a {@code fail-probes} fault is still in force. No I/O, no clock of its own.
 */
public final class DrillJudge {

    /** One stage of the loop and when it was reached. */
    public record Stage(String name, Instant at, long sinceStartMillis, String detail) {
    }

    /**
     * @param faultActive for {@code fail-probes}: the target's probe results still count as failures
     */
    public record Report(State state, String outcome, Instant endedAt, List<Stage> stages, boolean faultActive) {
    }

    private DrillJudge() {
    }

    /** @param events the drill's incident's events (empty while there is none) */
    public static Report judge(Drill d, List<IncidentEvent> events, Instant now) {
        List<Stage> stages = new ArrayList<>();
        Instant stepResult = null;
        Instant verified = null;
        IncidentResolved resolved = null;
        String stopped = null;
        Instant stoppedAt = null;
        for (IncidentEvent e : events) {
            // (compared at the microseconds PostgreSQL keeps endedAt with)
            if (d.endedAt() != null && e.at().truncatedTo(ChronoUnit.MICROS).isAfter(d.endedAt())) {
                break; // a finished drill reports what it saw, not what the incident did afterwards
            }
            switch (e) {
                case IncidentOpened o -> stage(stages, d, "incidentOpened", o.at(), o.reason());
                case AdminNotified a -> stage(stages, d, "adminNotified", a.at(), a.notificationId());
                case RecoveryStepStarted s -> stage(stages, d, "stepStarted", s.at(), "step " + s.step() + ": " + s.action());
                case RecoveryStepSucceeded s -> {
                    stepResult = stepResult == null ? s.at() : stepResult;
                    stage(stages, d, "stepResult", s.at(), "step " + s.step() + " SUCCEEDED");
                }
                case RecoveryStepFailed s -> {
                    stepResult = stepResult == null ? s.at() : stepResult;
                    stage(stages, d, "stepResult", s.at(), "step " + s.step() + " FAILED: " + s.reason());
                }
                case VerificationPassed v -> {
                    verified = verified == null ? v.at() : verified;
                    stage(stages, d, "verificationPassed", v.at(), "step " + v.step());
                }
                case IncidentResolved r -> {
                    resolved = r;
                    stage(stages, d, "incidentResolved", r.at(), r.reason());
                }
                case NeedsHuman n -> {
                    stopped = stopped == null ? "needs a human: " + n.reason() : stopped;
                    stoppedAt = stoppedAt == null ? n.at() : stoppedAt;
                }
                case LadderExhausted x -> {
                    stopped = stopped == null ? "the ladder is exhausted" : stopped;
                    stoppedAt = stoppedAt == null ? x.at() : stoppedAt;
                }
                default -> {
                }
            }
        }
        boolean fault = d.mode() == Mode.FAIL_PROBES && stepResult == null;
        if (d.state() != State.RUNNING) {
            return new Report(d.state(), d.outcome(), d.endedAt(), stages, false);
        }
        if (resolved != null && !resolved.at().isAfter(d.deadline())) {
            if (verified != null) {
                return new Report(State.CLOSED, "the loop closed in " + millis(d, resolved.at()) + " ms", resolved.at(), stages, false);
            }
            return new Report(State.NOT_CLOSED, "resolved without a verified step: " + resolved.reason(), resolved.at(), stages, false);
        }
        if (stopped != null && !stoppedAt.isAfter(d.deadline())) {
            return new Report(State.NOT_CLOSED, stopped, stoppedAt, stages, false);
        }
        if (d.stopStatus() != null && !"SUCCEEDED".equals(d.stopStatus()) && events.isEmpty()) {
            return new Report(State.NOT_CLOSED, "the stop command " + d.stopStatus() + ": " + d.stopReason(), now, stages, false);
        }
        if (!now.isBefore(d.deadline())) {
            return new Report(State.NOT_CLOSED, "the loop did not close within "
                    + Duration.between(d.startedAt(), d.deadline()).toSeconds() + " s"
                    + (events.isEmpty() ? " (no incident opened)" : ""), d.deadline(), stages, false);
        }
        return new Report(State.RUNNING, null, null, stages, fault);
    }

    private static void stage(List<Stage> stages, Drill d, String name, Instant at, String detail) {
        if (stages.stream().noneMatch(s -> s.name().equals(name))) { // the first time each stage is reached
            stages.add(new Stage(name, at, millis(d, at), detail));
        }
    }

    private static long millis(Drill d, Instant at) {
        return Duration.between(d.startedAt(), at).toMillis();
    }
}
