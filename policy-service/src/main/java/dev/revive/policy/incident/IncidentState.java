package dev.revive.policy.incident;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import dev.revive.common.contract.Severity;

/**
 * The fold of one incident's events: everything a decision needs, nothing else. It is made of parts that change
 * for different reasons — the {@link Opening} (fixed once opened), the phase and its clock, the {@link LadderPosition},
 * the {@link Hold}, the {@link OriginalInstance} and what people did ({@code ackedBy}, {@code notified}) — and each
 * event replaces only the part it is about, through a {@code with…} method.
 *
 * @param opening    what the opening event fixed: ids, severity, time, the WARNING rule
 * @param version    how many events the stream holds (the expected version of the next append)
 * @param phase      where the ladder stands
 * @param phaseSince when the current phase began (timers count from it)
 * @param resolvedAt when it was resolved
 * @param ladder     the step running or next to run, the last step issued and its command
 * @param hold       a hold stops the ladder until released
 * @param original   the original instance: its address and whether it was replaced and came back
 * @param ackedBy    who took the incident
 * @param notified   notification ids the notifier confirmed delivered
 */
public record IncidentState(
        Opening opening,
        int version,
        Phase phase,
        Instant phaseSince,
        Instant resolvedAt,
        LadderPosition ladder,
        Hold hold,
        OriginalInstance original,
        String ackedBy,
        Set<String> notified) {

    /** The evidence key naming a WARNING incident's rule. */
    public static final String RULE = "rule";

    /**
     * @param incidentId the stream id
     * @param targetId   the target
     * @param severity   CRITICAL acts, WARNING only notifies (null before the opening)
     * @param openedAt   when it was opened
     * @param rule       for a WARNING incident, the metric rule that raised it ({@code evidence.rule} of the opening)
     */
    public record Opening(String incidentId, String targetId, Severity severity, Instant openedAt, String rule) {
    }

    /**
     * @param step        the current ladder step (1-based): the one running, or the next one to run
     * @param lastStepRun the last step whose command was issued (0 when none)
     * @param commandId   the command in flight or last issued
     */
    public record LadderPosition(int step, int lastStepRun, String commandId) {
        static final LadderPosition NOT_STARTED = new LadderPosition(0, 0, null);
    }

    /** @param by who placed the hold in force (a silence releases only its own); null when not held. */
    public record Hold(boolean active, String by) {
        static final Hold NONE = new Hold(false, null);
    }

    /**
     * @param address       the one that failed when the incident opened, replaced by its own address (private IP)
     *                      when a re-provision reports it
     * @param reprovisioned true once a step put a new instance behind the target
     * @param back          true once the original instance answered again after a re-provision
     * @param adoptedBy     the command whose new instance the target's spec was made to name (null: none yet), so
     *                      that a result delivered again adopts nothing twice
     */
    public record OriginalInstance(String address, boolean reprovisioned, boolean back, String adoptedBy) {
        public OriginalInstance(String address, boolean reprovisioned, boolean back) {
            this(address, reprovisioned, back, null);
        }
    }

    public IncidentState {
        notified = notified == null ? Set.of() : Set.copyOf(notified);
        ladder = ladder == null ? LadderPosition.NOT_STARTED : ladder;
        hold = hold == null ? Hold.NONE : hold;
        original = original == null ? new OriginalInstance(null, false, false) : original;
    }

    /** The state before the first event of a stream. */
    public static IncidentState empty(String incidentId, String targetId) {
        return new IncidentState(new Opening(incidentId, targetId, null, null, null), 0, Phase.NONE, null, null,
                LadderPosition.NOT_STARTED, Hold.NONE, new OriginalInstance(null, false, false), null, Set.of());
    }

    public boolean open() {
        return phase != Phase.NONE && phase != Phase.RESOLVED;
    }

    // The parts, replaced one at a time.

    IncidentState withOpening(Opening o, Phase newPhase, LadderPosition l, OriginalInstance orig) {
        return new IncidentState(o, version, newPhase, o.openedAt(), null, l, Hold.NONE, orig, null, notified);
    }

    IncidentState with(Phase newPhase, Instant since) {
        return new IncidentState(opening, version, newPhase, since, resolvedAt, ladder, hold, original, ackedBy, notified);
    }

    IncidentState with(LadderPosition l) {
        return new IncidentState(opening, version, phase, phaseSince, resolvedAt, l, hold, original, ackedBy, notified);
    }

    IncidentState with(Hold h) {
        return new IncidentState(opening, version, phase, phaseSince, resolvedAt, ladder, h, original, ackedBy, notified);
    }

    IncidentState with(OriginalInstance o) {
        return new IncidentState(opening, version, phase, phaseSince, resolvedAt, ladder, hold, o, ackedBy, notified);
    }

    IncidentState withAckedBy(String by) {
        return new IncidentState(opening, version, phase, phaseSince, resolvedAt, ladder, hold, original, by, notified);
    }

    IncidentState withNotified(String notificationId) {
        var ids = new HashSet<>(notified);
        ids.add(notificationId);
        return new IncidentState(opening, version, phase, phaseSince, resolvedAt, ladder, hold, original, ackedBy, ids);
    }

    IncidentState resolvedAt(Instant at) {
        return new IncidentState(opening, version, Phase.RESOLVED, at, at, ladder, Hold.NONE, original, ackedBy, notified);
    }

    IncidentState withVersion(int v) {
        return new IncidentState(opening, v, phase, phaseSince, resolvedAt, ladder, hold, original, ackedBy, notified);
    }

    // Read access by name, so that a decision reads "state.step()" rather than "state.ladder().step()".

    public String incidentId() {
        return opening.incidentId();
    }

    public String targetId() {
        return opening.targetId();
    }

    public Severity severity() {
        return opening.severity();
    }

    public Instant openedAt() {
        return opening.openedAt();
    }

    public String rule() {
        return opening.rule();
    }

    public int step() {
        return ladder.step();
    }

    public int lastStepRun() {
        return ladder.lastStepRun();
    }

    public String commandId() {
        return ladder.commandId();
    }

    public boolean held() {
        return hold.active();
    }

    public String heldBy() {
        return hold.by();
    }

    public String address() {
        return original.address();
    }

    public boolean reprovisioned() {
        return original.reprovisioned();
    }

    public boolean originalBack() {
        return original.back();
    }

    public String adoptedBy() {
        return original.adoptedBy();
    }
}
