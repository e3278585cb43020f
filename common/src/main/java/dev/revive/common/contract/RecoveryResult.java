package dev.revive.common.contract;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The outcome of a {@link RecoveryCommand}. Published on {@code revive.command-results}.
 *
 * @param commandId      the command
 * @param incidentId     its incident
 * @param targetId       its target
 * @param step           its ladder step
 * @param action         its action (null when the command could not be read)
 * @param status         what happened
 * @param nonRecoverable true when retrying or escalating automatically cannot help (no snapshot, access denied)
 * @param reason         why it failed or was rejected
 * @param output         truncated command output or driver detail
 * @param newInstanceId  the instance a re-provision created
 * @param newAddress     the address now serving the target after a re-provision
 * @param startedAt      when the action started
 * @param finishedAt     when it ended
 * @param originalInstanceId after a re-provision: the instance it replaced (still there, detached from the target)
 * @param originalAddress    after a re-provision: that instance's own address (its private IP: the Elastic IP has
 *                           moved to the new instance), so that it can be watched until it answers again
 * @param newRegion      after a re-provision: the region the new instance runs in (the DR region for
 *                       {@code aws-reprovision-dr}); absent (null) when unknown, as from an actuator that predates it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RecoveryResult(
        String commandId,
        String incidentId,
        String targetId,
        int step,
        String action,
        Status status,
        boolean nonRecoverable,
        String reason,
        String output,
        String newInstanceId,
        String newAddress,
        Instant startedAt,
        Instant finishedAt,
        String originalInstanceId,
        String originalAddress,
        String newRegion) {

    /** A result that names no region for its new instance (unknown). */
    public RecoveryResult(String commandId, String incidentId, String targetId, int step, String action, Status status,
            boolean nonRecoverable, String reason, String output, String newInstanceId, String newAddress,
            Instant startedAt, Instant finishedAt, String originalInstanceId, String originalAddress) {
        this(commandId, incidentId, targetId, step, action, status, nonRecoverable, reason, output, newInstanceId,
                newAddress, startedAt, finishedAt, originalInstanceId, originalAddress, null);
    }

    /** A result that names no original instance (anything but a re-provision). */
    public RecoveryResult(String commandId, String incidentId, String targetId, int step, String action, Status status,
            boolean nonRecoverable, String reason, String output, String newInstanceId, String newAddress,
            Instant startedAt, Instant finishedAt) {
        this(commandId, incidentId, targetId, step, action, status, nonRecoverable, reason, output, newInstanceId,
                newAddress, startedAt, finishedAt, null, null, null);
    }

    public enum Status {
        /** The action ran and did what it should. */
        SUCCEEDED,
        /** The action ran and failed. */
        FAILED,
        /** Refused before anything ran: bad signature, expired, unknown action, replay, bad parameters. */
        REJECTED,
        /** The actuator died mid-action and the call cannot safely be repeated: verify by probing. */
        OUTCOME_UNKNOWN
    }

    public boolean succeeded() {
        return status == Status.SUCCEEDED;
    }
}
