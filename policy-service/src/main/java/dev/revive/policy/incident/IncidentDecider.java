package dev.revive.policy.incident;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

import dev.revive.common.contract.Action;
import dev.revive.common.contract.DeliveryReceipt;
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
import dev.revive.common.contract.RecoveryCommand;
import dev.revive.common.contract.RecoveryResult;
import dev.revive.common.contract.Severity;
import dev.revive.common.contract.TargetSpec;
import dev.revive.common.contract.TargetSpec.LadderStep;
import dev.revive.policy.incident.IncidentCommand.Acknowledge;
import dev.revive.policy.incident.IncidentCommand.OriginalAnswered;
import dev.revive.policy.incident.IncidentCommand.PlaceHold;
import dev.revive.policy.incident.IncidentCommand.ReceiptReceived;
import dev.revive.policy.incident.IncidentCommand.ReleaseHold;
import dev.revive.policy.incident.IncidentCommand.Resolve;
import dev.revive.policy.incident.IncidentCommand.ResultReceived;
import dev.revive.policy.incident.IncidentCommand.TargetDown;
import dev.revive.policy.incident.IncidentCommand.TargetUp;
import dev.revive.policy.incident.IncidentCommand.SilenceEnded;
import dev.revive.policy.incident.IncidentCommand.SilenceStarted;
import dev.revive.policy.incident.IncidentCommand.TimerFired;
import dev.revive.policy.incident.IncidentCommand.WarningCleared;
import dev.revive.policy.incident.IncidentCommand.WarningRaised;

/**
 * The escalation ladder as a pure function: {@code decide(command, state, context) -> events (+ commands)}.
 * Anything that does not apply to the incident's current state (a duplicate result, a stale timer, a second hold)
 * decides nothing, which is what makes redelivery harmless.
 */
public final class IncidentDecider {

    /** Who places the hold when the blast-radius guard trips. */
    public static final String BLAST_RADIUS_GUARD = "blast-radius-guard";
    /** Who places the hold while a silence covers the target. */
    public static final String SILENCE = "silence";

    private final IncidentCommand command;
    private final DecisionContext ctx;
    private final List<IncidentEvent> events = new ArrayList<>();
    private final List<RecoveryCommand> commands = new ArrayList<>();
    private final List<Decision.Rewrite> targets = new ArrayList<>();
    private IncidentState state;

    private IncidentDecider(IncidentCommand command, IncidentState state, DecisionContext ctx) {
        this.command = command;
        this.state = state;
        this.ctx = ctx;
    }

    public static Decision decide(IncidentCommand command, IncidentState state, DecisionContext ctx) {
        IncidentDecider d = new IncidentDecider(command, state, ctx);
        d.run();
        return new Decision(List.copyOf(d.events), List.copyOf(d.commands), d.state, List.copyOf(d.targets));
    }

    /** When the first action is due: opening time plus the target's grace period. */
    public static Instant readyAt(IncidentState s, TargetSpec spec) {
        long grace = spec == null ? TargetSpec.RecoveryPlan.defaults().effectiveGraceSeconds()
                : spec.recovery().effectiveGraceSeconds();
        return s.openedAt().plusSeconds(grace);
    }

    private void run() {
        switch (command) {
            case TargetDown c -> onDown(c);
            case TargetUp c -> onUp(c);
            case WarningRaised c -> {
                if (state.phase() == Phase.NONE && ctx.spec() != null) {
                    var evidence = new HashMap<String, String>(c.evidence() == null ? java.util.Map.of() : c.evidence());
                    evidence.put(IncidentState.RULE, c.rule());
                    emit(new IncidentOpened(id(), target(), now(), Severity.WARNING, c.reason(), evidence, 0));
                }
            }
            case WarningCleared c -> {
                if (state.open() && state.severity() == Severity.WARNING) {
                    resolve(c.reason());
                }
            }
            case SilenceStarted c -> {
                if (state.open() && state.severity() == Severity.CRITICAL && !state.held()) {
                    emit(new HoldPlaced(id(), target(), now(), SILENCE, c.reason()));
                }
            }
            case SilenceEnded c -> {
                if (state.open() && state.held() && SILENCE.equals(state.heldBy())) {
                    release(SILENCE);
                }
            }
            case OriginalAnswered c -> {
                // Told once, whatever the incident's phase (it is usually resolved by then).
                if (state.severity() == Severity.CRITICAL && state.reprovisioned() && !state.originalBack()) {
                    emit(new OriginalInstanceBack(id(), target(), now(), c.address()));
                }
            }
            case TimerFired c -> onTimer(c);
            case ResultReceived c -> onResult(c.result());
            case ReceiptReceived c -> onReceipt(c.receipt());
            case PlaceHold c -> {
                if (state.open() && !state.held()) {
                    emit(new HoldPlaced(id(), target(), now(), c.by(), c.reason()));
                }
            }
            case ReleaseHold c -> {
                if (state.open() && state.held()) {
                    release(c.by());
                }
            }
            case Acknowledge c -> {
                if (state.open() && state.ackedBy() == null) {
                    emit(new Acknowledged(id(), target(), now(), c.by()));
                }
            }
            case Resolve c -> {
                if (state.open()) {
                    resolve(c.reason() == null ? "resolved by " + c.by() : c.reason() + " (" + c.by() + ")");
                }
            }
        }
    }

    private void release(String by) {
        emit(new HoldReleased(id(), target(), now(), by));
        boolean graceOver = state.phase() == Phase.GRACE && !now().isBefore(readyAt(state, ctx.spec()));
        if (graceOver || state.phase() == Phase.PENDING) {
            act();
        }
    }

    private void onDown(TargetDown c) {
        if (state.phase() != Phase.NONE || ctx.spec() == null) {
            return; // already open (or this stream is spent): a target is down once per incident
        }
        int startStep = 1;
        var evidence = new HashMap<String, String>(c.evidence() == null ? java.util.Map.of() : c.evidence());
        var prev = ctx.previous();
        if (prev != null && prev.lastStepRun() > 0 && prev.resolvedAt() != null) {
            if (withinResetWindow(prev.resolvedAt(), now(), ctx.spec().recovery().effectiveResetWindowSeconds())) {
                // Down again soon after a recovery: that step did not hold, so climb instead of repeating it.
                startStep = prev.lastStepRun() + 1;
                evidence.put("previousIncident", prev.incidentId());
            }
        }
        emit(new IncidentOpened(id(), target(), now(), Severity.CRITICAL, c.reason(), evidence, startStep));
        if (ctx.silenced()) {
            emit(new HoldPlaced(id(), target(), now(), SILENCE, "a silence covers the target"));
        }
        if (!now().isBefore(readyAt(state, ctx.spec()))) {
            act();
        }
    }

    /**
     * Whether a DOWN at {@code now} falls inside the reset window that began at {@code resolvedAt}: strictly less
     * than the window, at full precision. A window of 0 never continues the ladder. (Comparing whole seconds with
     * {@code <=} made a window of 0 cover the first second after a resolution, and any window one second longer.)
     */
    static boolean withinResetWindow(Instant resolvedAt, Instant now, long windowSeconds) {
        return windowSeconds > 0 && Duration.between(resolvedAt, now).compareTo(Duration.ofSeconds(windowSeconds)) < 0;
    }

    private void onUp(TargetUp c) {
        if (state.severity() == Severity.WARNING) {
            return; // a WARNING ends when its rule clears, not when the target answers
        }
        if (c.observedAt() != null && state.openedAt() != null && c.observedAt().isBefore(state.openedAt())) {
            // A probe from before the outage: a restarted instance re-reads uncommitted results, and its fresh
            // detection can turn UP on them (fault drill: kill -9 of the policy "resolved" an incident that way).
            return;
        }
        switch (state.phase()) {
            case GRACE, PENDING, STOPPED -> resolve(state.lastStepRun() == 0 ? "target came back without an action"
                    : "target is up again");
            case VERIFYING -> {
                emit(new VerificationPassed(id(), target(), now(), state.step()));
                resolve("step " + state.step() + " brought the target back");
            }
            default -> {
                // RUNNING: the result decides; NONE/RESOLVED: nothing to do.
            }
        }
    }

    private void onTimer(TimerFired c) {
        switch (c.kind()) {
            case GRACE -> {
                if (state.phase() == Phase.GRACE && !state.held()) {
                    act();
                }
            }
            case RESULT -> {
                if (state.phase() == Phase.RUNNING && state.step() == c.step()) {
                    emit(new RecoveryStepSucceeded(id(), target(), now(), state.step(), state.commandId(),
                            "no result before the command expired: verifying by probing", null, null));
                    verifyNowIfUp();
                }
            }
            case VERIFY -> {
                if (state.phase() == Phase.VERIFYING && state.step() == c.step()) {
                    if (ctx.targetUp()) {
                        emit(new VerificationPassed(id(), target(), now(), state.step()));
                        resolve("step " + state.step() + " brought the target back");
                    } else {
                        emit(new VerificationFailed(id(), target(), now(), state.step()));
                        escalate("target still down when the verification window of step " + state.step() + " closed");
                    }
                }
            }
        }
    }

    private void onResult(RecoveryResult r) {
        if (r.commandId() == null || !r.commandId().equals(state.commandId())) {
            return; // the result of a command this incident no longer waits for
        }
        if (state.phase() != Phase.RUNNING) {
            // A duplicate, or a result later than the command's TTL (a re-provision may outlast it): the step was
            // counted already; only a replacement not yet adopted still changes something.
            adopt(r);
            return;
        }
        int step = state.step();
        switch (r.status()) {
            case SUCCEEDED, OUTCOME_UNKNOWN -> {
                String detail = r.status() == RecoveryResult.Status.OUTCOME_UNKNOWN
                        ? "outcome unknown: verifying by probing" : r.output();
                emit(new RecoveryStepSucceeded(id(), target(), now(), step, r.commandId(), detail, r.newInstanceId(),
                        r.newAddress(), r.originalInstanceId(), r.originalAddress()));
                adopt(r);
                verifyNowIfUp();
            }
            case REJECTED -> {
                emit(new RecoveryStepFailed(id(), target(), now(), step, r.commandId(), r.reason(), true));
                emit(new NeedsHuman(id(), target(), now(), "the actuator rejected step " + step + ": " + r.reason()));
            }
            case FAILED -> {
                emit(new RecoveryStepFailed(id(), target(), now(), step, r.commandId(), r.reason(), r.nonRecoverable()));
                if (r.nonRecoverable()) {
                    emit(new NeedsHuman(id(), target(), now(), "step " + step + " failed and cannot be retried: " + r.reason()));
                } else {
                    escalate("step " + step + " failed: " + r.reason());
                }
            }
        }
    }

    /**
     * A re-provision that succeeded put a new instance behind the target: its spec is made to name it (once per
     * command), so that the next action goes to the instance now serving, not to the replaced one.
     */
    private void adopt(RecoveryResult r) {
        Action a = Action.lookup(r.action());
        if (a == null || !a.replacesServer() || !r.succeeded() || state.severity() != Severity.CRITICAL
                || r.commandId().equals(state.adoptedBy())) {
            return;
        }
        Replacement.adopt(ctx.spec(), r).ifPresent(x -> {
            emit(new ReplacementAdopted(id(), target(), now(), state.lastStepRun(), r.commandId(), x.replacedInstanceId(),
                    x.instanceId(), x.replacedRegion(), x.region(), x.droppedElasticIp(), x.replacedAddress(), x.address()));
            targets.add(new Decision.Rewrite(ctx.spec(), x.spec()));
        });
    }

    private void onReceipt(DeliveryReceipt r) {
        if (!state.open() || r.status() != DeliveryReceipt.Status.DELIVERED || r.notificationId() == null
                || state.notified().contains(r.notificationId())) {
            return;
        }
        Instant actAt = state.phase() == Phase.GRACE ? readyAt(state, ctx.spec()) : null;
        emit(new AdminNotified(id(), target(), now(), r.notificationId(), actAt));
    }

    private void verifyNowIfUp() {
        if (ctx.targetUp()) {
            emit(new VerificationPassed(id(), target(), now(), state.step()));
            resolve("step " + state.step() + " brought the target back");
        }
    }

    private void escalate(String why) {
        int next = state.step() + 1;
        if (Ladder.step(ctx.spec(), next) == null) {
            emit(new LadderExhausted(id(), target(), now()));
            return;
        }
        emit(new Escalated(id(), target(), now(), state.step(), next, why));
        act();
    }

    /** Runs the current step unless a hold, a guard or the end of the ladder stops it. */
    private void act() {
        TargetSpec spec = ctx.spec();
        if (spec == null || state.held()) {
            return;
        }
        LadderStep step = Ladder.step(spec, state.step());
        if (step == null) {
            emit(new LadderExhausted(id(), target(), now()));
            return;
        }
        if (ctx.networkSuspect()) {
            emit(new HoldPlaced(id(), target(), now(), BLAST_RADIUS_GUARD,
                    "many targets went down at once: the probers' own network is suspected"));
            return;
        }
        int budget = spec.recovery().effectiveActionBudgetPerDay();
        if (ctx.actionsToday() >= budget) {
            emit(new NeedsHuman(id(), target(), now(), "action budget of " + budget + " per day is spent"));
            return;
        }
        String commandId = id() + "-step-" + state.step();
        Instant now = now();
        commands.add(new RecoveryCommand(commandId, id(), target(), state.step(), step.action(),
                spec.resolvedParams(step), now, now.plus(ctx.commandTtl()), null, null));
        emit(new RecoveryStepStarted(id(), target(), now, state.step(), step.action(), commandId));
    }

    private void resolve(String reason) {
        long downtime = state.openedAt() == null ? 0 : Math.max(0, Duration.between(state.openedAt(), now()).getSeconds());
        emit(new IncidentResolved(id(), target(), now(), reason, downtime));
    }

    private void emit(IncidentEvent e) {
        events.add(e);
        state = IncidentEvolver.evolve(state, e);
    }

    private String id() {
        return state.incidentId();
    }

    private String target() {
        return state.targetId();
    }

    private Instant now() {
        return ctx.now();
    }
}
