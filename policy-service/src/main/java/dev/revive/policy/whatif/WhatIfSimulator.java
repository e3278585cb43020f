package dev.revive.policy.whatif;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.revive.common.contract.IncidentEvent;
import dev.revive.common.contract.IncidentEvent.IncidentOpened;
import dev.revive.common.contract.IncidentEvent.IncidentResolved;
import dev.revive.common.contract.IncidentEvent.LadderExhausted;
import dev.revive.common.contract.IncidentEvent.NeedsHuman;
import dev.revive.common.contract.IncidentEvent.RecoveryStepStarted;
import dev.revive.common.contract.ProbeResult;
import dev.revive.common.contract.RecoveryResult;
import dev.revive.common.contract.Severity;
import dev.revive.common.contract.TargetSpec;
import dev.revive.policy.detection.ResultTrust;
import dev.revive.policy.detection.TargetDetector;
import dev.revive.policy.detection.TargetDetector.FlapDamping;
import dev.revive.policy.detection.Verdict;
import dev.revive.policy.incident.Decision;
import dev.revive.policy.incident.DecisionContext;
import dev.revive.policy.incident.IncidentCommand;
import dev.revive.policy.incident.IncidentDecider;
import dev.revive.policy.incident.IncidentState;
import dev.revive.policy.incident.IncidentTimers;
import dev.revive.policy.incident.Timeline;

/**
 * Recorded probe results of one target replayed through a spec: the pure {@link TargetDetector} and
 * {@link IncidentDecider}, with a simulated clock (each result's {@code startedAt}; between results, the incident's
 * timers fire at their due time). Fed one result at a time ({@link #observe}), so a long replay holds no list; not
 * thread-safe.
 *
 * <p>What is simulated, and what is assumed:
 * <ul>
 * <li>detection as the service runs it: the same trust rule (the spec's or the service's locations; the clock-skew
 * check against the time the record was written), duplicates by result id dropped, the service's flap damping;
 * <li>a DOWN opens a CRITICAL incident (and notifies); its grace timer starts the first step; each step is taken as
 * started and its result as {@code OUTCOME_UNKNOWN}, arriving as it starts: whether it worked is read from the
 * recorded probes (verification), so the next step starts when the verification window closes on a target still
 * down — the earliest it could (the action's own duration is not known);
 * <li>the reset window and the action budget count the simulated incidents and steps only (what really ran before
 * the replay's window is not known to it);
 * <li>not applied: silences, holds and acks by people, the blast-radius guard (it needs the whole fleet), drills
 * (a fail-probes drill's outage is not in the recorded answers), WARNING incidents (TLS, latency, connections, drift,
 * watchdog) and the original-instance watch after a re-provision.
 * </ul>
 * The recorded results are what really happened, with the actions that really ran: a target that came back because
 * a real step restarted it comes back in the replay too, whatever the edited spec would have done.
 */
public final class WhatIfSimulator {

    /** The assumptions above, for the answer. */
    public static final List<String> ASSUMPTIONS = List.of(
            "detection replays the recorded results in topic order with the spec's rule, the service's flap damping and "
                    + "trust rule; duplicates (same result id) are dropped",
            "the simulated clock is each result's startedAt; timers (grace, verification) fire at their due time",
            "every step is taken as started and its result as OUTCOME_UNKNOWN as it starts: whether it worked is read from "
                    + "the recorded probes; later steps start at the earliest (the action's own duration is unknown)",
            "the recorded results reflect the actions that really ran, not the simulated ones",
            "the reset window and the action budget count simulated incidents and steps only",
            "not applied: silences, holds and acks, the blast-radius guard, drills, WARNING incidents, the original-instance watch");

    /** Most timer firings between two results (a ladder is short; a bug must not loop forever). */
    private static final int MAX_TIMERS_IN_A_ROW = 1_000;

    /**
     * What the replay needs from the service.
     *
     * @param damping    the service's flap damping
     * @param trust      which results detection may count
     * @param commandTtl how long a command stays valid (the decider's RESULT timer)
     */
    public record Settings(FlapDamping damping, ResultTrust trust, Duration commandTtl) {
    }

    /** One recorded result and when it was written to the topic (the record's timestamp). */
    public record Recorded(ProbeResult result, Instant writtenAt) {
    }

    /** A ladder step the incident would have started. */
    public record Step(int step, String action, Instant at) {
    }

    /** One line of a simulated incident's timeline. */
    public record Line(Instant at, String text) {
    }

    /**
     * An incident the spec would have opened.
     *
     * @param phase      where it stands at the end of the replay (RESOLVED, STOPPED, VERIFYING ...)
     * @param resolvedAt null while it is still open at the end of the replay
     * @param outcome    how it ended (the resolution's reason, the ladder exhausted, the budget spent), or that it is open
     */
    public record Incident(String id, Instant openedAt, Severity severity, String reason, int startStep, List<Step> steps,
            String phase, Instant resolvedAt, String outcome, List<Line> timeline) {
    }

    /** What the replay counted. */
    public record Counts(int observed, int refused, int duplicates) {
    }

    private final String targetId;
    private final TargetSpec spec;
    private final Settings settings;
    private final TargetDetector detector;
    private final Set<String> seen = new HashSet<>();
    private final List<Open> incidents = new ArrayList<>();
    /** Start times of the simulated steps, oldest first, for the action budget. */
    private final Deque<Instant> actions = new ArrayDeque<>();
    private Open current;
    private DecisionContext.Previous previous;
    private int observed;
    private int refused;
    private int duplicates;

    /** An incident being simulated: its state and what it produced so far. */
    private static final class Open {
        IncidentState state;
        final String reason;
        final List<Step> steps = new ArrayList<>();
        final List<Line> timeline = new ArrayList<>();
        String outcome;
        int startStep = 1;

        Open(IncidentState state, String reason) {
            this.state = state;
            this.reason = reason;
        }
    }

    public WhatIfSimulator(String targetId, TargetSpec spec, Settings settings) {
        this.targetId = targetId;
        this.spec = spec;
        this.settings = settings;
        this.detector = new TargetDetector(settings.damping());
    }

    /** Replays a whole list, then lets the timers due until {@code until} fire. */
    public static List<Incident> replay(String targetId, TargetSpec spec, Settings settings, List<Recorded> results, Instant until) {
        WhatIfSimulator s = new WhatIfSimulator(targetId, spec, settings);
        results.forEach(s::observe);
        return s.finish(until);
    }

    /** Feeds the next recorded result (in topic order). Results of other targets are ignored. */
    public void observe(Recorded rec) {
        ProbeResult r = rec.result();
        if (r == null || !targetId.equals(r.targetId())) {
            return;
        }
        if (r.id() != null && !seen.add(r.id())) {
            duplicates++;
            return;
        }
        if (settings.trust().check(r, spec, rec.writtenAt()) != null) {
            refused++;
            return;
        }
        observed++;
        Instant at = r.startedAt(); // set: the trust check refuses a result without it
        fireTimers(at);
        Verdict v = detector.observe(r, spec.detection());
        if (v == Verdict.DOWN && current == null) {
            open(r, at);
        } else if (v == Verdict.UP && current != null) {
            decide(new IncidentCommand.TargetUp(at, at), at);
        }
    }

    /** Lets the timers due until {@code until} fire, and returns every incident the spec would have opened. */
    public List<Incident> finish(Instant until) {
        fireTimers(until);
        List<Incident> out = new ArrayList<>();
        for (Open o : incidents) {
            IncidentState s = o.state;
            String outcome = o.outcome != null ? o.outcome : "still open at the end of the replay (" + s.phase() + ")";
            out.add(new Incident(s.incidentId(), s.openedAt(), s.severity(), o.reason, o.startStep,
                    List.copyOf(o.steps), s.phase().name(), s.resolvedAt(), outcome, List.copyOf(o.timeline)));
        }
        return out;
    }

    public Counts counts() {
        return new Counts(observed, refused, duplicates);
    }

    private void open(ProbeResult r, Instant at) {
        String id = "what-if-" + (incidents.size() + 1);
        String reason = (r.errorClass() == null ? "probe failed" : r.errorClass().name())
                + (r.detail() == null ? "" : ": " + r.detail());
        Map<String, String> evidence = new HashMap<>(detector.evidence());
        if (r.id() != null) {
            evidence.put("probeResultId", r.id());
        }
        current = new Open(IncidentState.empty(id, targetId), reason);
        incidents.add(current);
        decide(new IncidentCommand.TargetDown(at, reason, evidence), at);
    }

    /** Fires the open incident's timers due at or before {@code until}, each at its own due time. */
    private void fireTimers(Instant until) {
        for (int i = 0; current != null && i < MAX_TIMERS_IN_A_ROW; i++) {
            IncidentTimers.Timer t = IncidentTimers.desired(current.state, spec, settings.commandTtl());
            if (t == null || t.dueAt().isAfter(until)) {
                return;
            }
            decide(new IncidentCommand.TimerFired(t.kind(), t.step()), t.dueAt());
        }
    }

    private void decide(IncidentCommand command, Instant now) {
        Open o = current;
        Decision d = IncidentDecider.decide(command, o.state, context(now));
        o.state = d.state();
        for (IncidentEvent e : d.events()) {
            o.timeline.add(new Line(e.at(), Timeline.describe(e)));
            switch (e) {
                case RecoveryStepStarted s -> {
                    o.steps.add(new Step(s.step(), s.action(), s.at()));
                    actions.addLast(s.at());
                }
                case IncidentOpened x -> o.startStep = x.startStep();
                case IncidentResolved x -> o.outcome = x.reason();
                case LadderExhausted x -> o.outcome = "ladder exhausted: notify only";
                case NeedsHuman x -> o.outcome = x.reason();
                default -> {
                }
            }
        }
        if (!o.state.open()) {
            previous = new DecisionContext.Previous(o.state.incidentId(), o.state.resolvedAt(), o.state.lastStepRun());
            current = null;
            return;
        }
        for (IncidentEvent e : d.events()) {
            if (e instanceof RecoveryStepStarted s) { // the result is not simulated: unknown, as the step starts
                decide(new IncidentCommand.ResultReceived(new RecoveryResult(s.commandId(), s.incidentId(), s.targetId(),
                        s.step(), s.action(), RecoveryResult.Status.OUTCOME_UNKNOWN, false, null, null, null, null,
                        s.at(), s.at())), s.at());
                return;
            }
        }
    }

    private DecisionContext context(Instant now) {
        Instant dayAgo = now.minus(Duration.ofDays(1));
        while (!actions.isEmpty() && !actions.peekFirst().isAfter(dayAgo)) {
            actions.removeFirst();
        }
        return new DecisionContext(now, spec, detector.verdict() == Verdict.UP, actions.size(), false, previous,
                settings.commandTtl(), false);
    }
}
