package dev.revive.policy.incident;

import java.time.Instant;
import java.util.Set;

import dev.revive.common.contract.Severity;

/**
 * The fold of one incident's events: everything a decision needs, nothing else.
 *
 * @param incidentId    the stream id
 * @param targetId      the target
 * @param version       how many events the stream holds (the expected version of the next append)
 * @param severity      CRITICAL acts, WARNING only notifies
 * @param phase         where the ladder stands
 * @param step          the current ladder step (1-based): the one running, or the next one to run
 * @param lastStepRun   the last step whose command was issued (0 when none)
 * @param commandId     the command in flight or last issued
 * @param held          a hold stops the ladder until released
 * @param ackedBy       who took the incident
 * @param openedAt      when it was opened
 * @param phaseSince    when the current phase began (timers count from it)
 * @param resolvedAt    when it was resolved
 * @param address       the original instance's address: the one that failed when the incident opened, replaced by
 *                      its own address (private IP) when a re-provision reports it
 * @param reprovisioned true once a step put a new instance behind the target
 * @param originalBack  true once the original instance answered again after a re-provision
 * @param notified      notification ids the notifier confirmed delivered
 * @param heldBy        who placed the hold in force (a silence releases only its own), null when not held
 * @param rule          for a WARNING incident, the metric rule that raised it ({@code evidence.rule} of the opening)
 */
public record IncidentState(
        String incidentId,
        String targetId,
        int version,
        Severity severity,
        Phase phase,
        int step,
        int lastStepRun,
        String commandId,
        boolean held,
        String ackedBy,
        Instant openedAt,
        Instant phaseSince,
        Instant resolvedAt,
        String address,
        boolean reprovisioned,
        boolean originalBack,
        Set<String> notified,
        String heldBy,
        String rule) {

    /** The evidence key naming a WARNING incident's rule. */
    public static final String RULE = "rule";

    public IncidentState {
        notified = notified == null ? Set.of() : Set.copyOf(notified);
    }

    /** The state before the first event of a stream. */
    public static IncidentState empty(String incidentId, String targetId) {
        return new IncidentState(incidentId, targetId, 0, null, Phase.NONE, 0, 0, null, false, null, null, null, null,
                null, false, false, Set.of(), null, null);
    }

    public boolean open() {
        return phase != Phase.NONE && phase != Phase.RESOLVED;
    }

    IncidentState with(Phase newPhase, Instant since) {
        return new IncidentState(incidentId, targetId, version, severity, newPhase, step, lastStepRun, commandId, held,
                ackedBy, openedAt, since, resolvedAt, address, reprovisioned, originalBack, notified, heldBy, rule);
    }
}
