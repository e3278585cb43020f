package dev.revive.policy.incident;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.revive.common.contract.Channel;
import dev.revive.common.contract.IncidentEvent;
import dev.revive.common.contract.IncidentEvent.Escalated;
import dev.revive.common.contract.IncidentEvent.HoldPlaced;
import dev.revive.common.contract.IncidentEvent.IncidentOpened;
import dev.revive.common.contract.IncidentEvent.IncidentResolved;
import dev.revive.common.contract.IncidentEvent.LadderExhausted;
import dev.revive.common.contract.IncidentEvent.NeedsHuman;
import dev.revive.common.contract.IncidentEvent.OriginalInstanceBack;
import dev.revive.common.contract.IncidentEvent.RecoveryStepFailed;
import dev.revive.common.contract.IncidentEvent.RecoveryStepStarted;
import dev.revive.common.contract.IncidentEvent.RecoveryStepSucceeded;
import dev.revive.common.contract.NotificationRequest;
import dev.revive.common.contract.NotificationRequest.Kind;
import dev.revive.common.contract.NotificationRequest.Recipient;
import dev.revive.common.contract.NotificationRequest.TimelineEntry;
import dev.revive.common.contract.Severity;
import dev.revive.common.contract.TargetSpec;
import dev.revive.common.contract.TargetSpec.LadderStep;

/**
 * Which events people are told about, and what they are told: one NotificationRequest per telling event, with
 * the incident's timeline, recipients from the target's routes (filtered by severity) or the defaults, and for the
 * opening notice signed hold/ack links and the time the first action runs unless held. An opening whose first step
 * starts at once (no grace) is told by that step's notification alone, with the opening's reason and evidence. Ids are derived from the
 * event's position in its stream, so the same event always yields the same notification id.
 */
public final class NotificationPlanner {

    /** Makes the hold/ack/incident links of an incident. */
    public interface Links {
        Map<String, String> forIncident(String incidentId);
    }

    private final List<Recipient> defaults;
    private final Links links;

    public NotificationPlanner(List<Recipient> defaults, Links links) {
        this.defaults = List.copyOf(defaults);
        this.links = links;
    }

    /** Parses {@code CHANNEL:address} entries. */
    public static List<Recipient> parseRecipients(List<String> entries) {
        List<Recipient> out = new ArrayList<>();
        for (String e : entries) {
            int colon = e.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("recipient must be CHANNEL:address, got '" + e + "'");
            }
            out.add(new Recipient(Channel.valueOf(e.substring(0, colon).trim().toUpperCase()), e.substring(colon + 1).trim()));
        }
        return out;
    }

    /**
     * @param history     the stream's events before this decision
     * @param fresh       this decision's events
     * @param firstVersion the stream version of {@code fresh.get(0)}
     * @param state       the state after the decision
     */
    public List<NotificationRequest> plan(TargetSpec spec, List<IncidentEvent> history, List<IncidentEvent> fresh,
            int firstVersion, IncidentState state) {
        List<NotificationRequest> out = new ArrayList<>();
        List<TimelineEntry> timeline = new ArrayList<>();
        history.forEach(e -> timeline.add(new TimelineEntry(e.at(), Timeline.describe(e))));
        IncidentOpened startedAtOnce = openedWithItsStep(fresh);
        for (int i = 0; i < fresh.size(); i++) {
            IncidentEvent e = fresh.get(i);
            timeline.add(new TimelineEntry(e.at(), Timeline.describe(e)));
            Kind kind = kindOf(e);
            if (kind == null || e == startedAtOnce) {
                continue; // an opening whose step started with it is told by the step's notification
            }
            Severity severity = state.severity() == null ? Severity.CRITICAL : state.severity();
            Map<String, String> facts = new HashMap<>();
            Map<String, String> ls = Map.of();
            java.time.Instant scheduledAt = null;
            int step = 0;
            String action = null;
            switch (e) {
                case IncidentOpened o -> {
                    if (o.evidence() != null) {
                        facts.putAll(o.evidence());
                    }
                    facts.put("reason", String.valueOf(o.reason()));
                    ls = links.forIncident(o.incidentId());
                    if (o.severity() == Severity.CRITICAL) { // a WARNING never acts: no step, action or schedule
                        step = Math.max(1, o.startStep());
                        LadderStep s = Ladder.step(spec, step);
                        action = s == null ? null : s.action();
                        if (s != null) {
                            scheduledAt = o.at().plusSeconds(spec.recovery().effectiveGraceSeconds());
                        }
                    }
                }
                case RecoveryStepStarted s -> {
                    step = s.step();
                    action = s.action();
                    if (startedAtOnce != null) {
                        if (startedAtOnce.evidence() != null) {
                            facts.putAll(startedAtOnce.evidence());
                        }
                        facts.put("reason", String.valueOf(startedAtOnce.reason()));
                        facts.put("gracePeriod", "none: the step started when the incident opened");
                    }
                    facts.put("commandId", s.commandId());
                    ls = links.forIncident(s.incidentId());
                }
                case RecoveryStepSucceeded s -> {
                    step = s.step();
                    putIf(facts, "detail", s.detail());
                    putIf(facts, "newInstanceId", s.newInstanceId());
                    putIf(facts, "newAddress", s.newAddress());
                    putIf(facts, "originalInstanceId", s.originalInstanceId());
                    putIf(facts, "originalAddress", s.originalAddress());
                }
                case RecoveryStepFailed s -> {
                    step = s.step();
                    putIf(facts, "reason", s.reason());
                    facts.put("nonRecoverable", Boolean.toString(s.nonRecoverable()));
                }
                case Escalated s -> {
                    step = s.toStep();
                    LadderStep next = Ladder.step(spec, s.toStep());
                    action = next == null ? null : next.action();
                    facts.put("why", s.why());
                }
                case IncidentResolved r -> {
                    facts.put("downtimeSeconds", Long.toString(r.downtimeSeconds()));
                    facts.put("downtime", Duration.ofSeconds(r.downtimeSeconds()).toString());
                    facts.put("reason", r.reason());
                    step = state.lastStepRun();
                }
                case NeedsHuman n -> facts.put("reason", n.reason());
                case HoldPlaced h -> {
                    facts.put("by", h.by());
                    putIf(facts, "reason", h.reason());
                    ls = links.forIncident(h.incidentId());
                }
                case OriginalInstanceBack b -> facts.put("address", b.address());
                default -> {
                }
            }
            String name = spec == null || spec.name() == null ? e.targetId() : spec.name();
            List<Recipient> to = recipients(spec, severity);
            if (to.isEmpty()) {
                continue; // the target routes nothing of this severity
            }
            String summary = startedAtOnce != null && e instanceof RecoveryStepStarted s
                    ? name + " is down (" + startedAtOnce.reason() + "): no grace period, step " + s.step() + " (" + s.action()
                            + ") is starting now"
                    : name + ": " + Timeline.describe(e);
            out.add(new NotificationRequest(e.incidentId() + "-" + (firstVersion + i), e.incidentId(), e.targetId(), name,
                    kind, severity, step, action, summary, facts, ls, to,
                    timeline, spec == null ? List.of() : spec.tags(), e.at(), scheduledAt));
        }
        return out;
    }

    /**
     * The CRITICAL opening of {@code fresh} when its first step started in the same decision (no grace period), else
     * null. Such an opening is told in one notification, the step's: an OPENED one would promise a grace period that
     * does not exist ("unless you hold it"), and two notifications of one instant would reach people in whatever order
     * the channels deliver them.
     */
    static IncidentOpened openedWithItsStep(List<IncidentEvent> fresh) {
        IncidentOpened opened = null;
        for (IncidentEvent e : fresh) {
            if (e instanceof IncidentOpened o && o.severity() == Severity.CRITICAL) {
                opened = o;
            } else if (opened != null && e instanceof RecoveryStepStarted) {
                return opened;
            }
        }
        return null;
    }

    static Kind kindOf(IncidentEvent e) {
        return switch (e) {
            case IncidentOpened o -> o.severity() == Severity.WARNING ? Kind.WARNING : Kind.OPENED;
            case RecoveryStepStarted s -> Kind.STEP_STARTED;
            case RecoveryStepSucceeded s -> Kind.STEP_SUCCEEDED;
            case RecoveryStepFailed s -> Kind.STEP_FAILED;
            case Escalated s -> Kind.ESCALATED;
            case LadderExhausted s -> Kind.NEEDS_HUMAN;
            case NeedsHuman s -> Kind.NEEDS_HUMAN;
            case HoldPlaced s -> Kind.HELD;
            case IncidentResolved s -> Kind.RESOLVED;
            case OriginalInstanceBack s -> Kind.ORIGINAL_INSTANCE_BACK;
            default -> null; // AdminNotified, Acknowledged, HoldReleased, Verification*: on the timeline only
        };
    }

    /** The target's routes that take this severity; the defaults when the target names no routes at all. */
    public List<Recipient> recipients(TargetSpec spec, Severity severity) {
        if (spec == null || spec.notifications().isEmpty()) {
            return defaults;
        }
        List<Recipient> out = new ArrayList<>();
        {
            for (var r : spec.notifications()) {
                Severity min = r.minSeverity() == null ? Severity.INFO : r.minSeverity();
                if (severity.compareTo(min) >= 0) {
                    out.add(new Recipient(r.channel(), r.to()));
                }
            }
        }
        return out;
    }

    private static void putIf(Map<String, String> m, String k, String v) {
        if (v != null) {
            m.put(k, v);
        }
    }
}
