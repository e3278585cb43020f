package dev.revive.common.contract;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The incident's domain events: an append-only stream per incident, its audit trail. The policy service stores
 * them and publishes them on {@code revive.incidents}; current state is a fold of them.
 * Every event names its incident, its target and when it happened.
 */
public sealed interface IncidentEvent {

    String incidentId();

    String targetId();

    Instant at();

    /** The target was found down (CRITICAL, acts) or a metric rule fired (WARNING, notifies only). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record IncidentOpened(String incidentId, String targetId, Instant at, Severity severity, String reason,
            Map<String, String> evidence, int startStep) implements IncidentEvent {
    }

    /** The admin was sent the opening notice; the grace period runs until {@code actAt}. */
    record AdminNotified(String incidentId, String targetId, Instant at, String notificationId, Instant actAt)
            implements IncidentEvent {
    }

    /** Someone (or a guard) stopped the ladder. */
    record HoldPlaced(String incidentId, String targetId, Instant at, String by, String reason) implements IncidentEvent {
    }

    /** The hold was lifted; the ladder goes on. */
    record HoldReleased(String incidentId, String targetId, Instant at, String by) implements IncidentEvent {
    }

    /** Someone took the incident. */
    record Acknowledged(String incidentId, String targetId, Instant at, String by) implements IncidentEvent {
    }

    /** A ladder step's command was issued. */
    record RecoveryStepStarted(String incidentId, String targetId, Instant at, int step, String action,
            String commandId) implements IncidentEvent {
    }

    /**
     * The actuator reports the step's action done. After a re-provision it names the new instance and the original
     * one with its own address (the policy watches that address until the original answers again).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record RecoveryStepSucceeded(String incidentId, String targetId, Instant at, int step, String commandId,
            String detail, String newInstanceId, String newAddress, String originalInstanceId, String originalAddress)
            implements IncidentEvent {

        /** A step that put no new instance behind the target. */
        public RecoveryStepSucceeded(String incidentId, String targetId, Instant at, int step, String commandId,
                String detail, String newInstanceId, String newAddress) {
            this(incidentId, targetId, at, step, commandId, detail, newInstanceId, newAddress, null, null);
        }
    }

    /**
     * After a re-provision the target's spec names the new instance (and, after a DR step, its region), so that the
     * next incident acts on the instance now serving: the registry follows the replacement. Written with the spec's
     * update and its {@code revive.targets} record, in the decision that records the step's result.
     *
     * @param step               the re-provision step
     * @param commandId          its command
     * @param replacedInstanceId the instance the spec named (the original; it stays watched as
     *                           {@code <targetId>.original})
     * @param instanceId         the new instance the spec names now
     * @param replacedRegion     the region the spec named, when the new instance runs elsewhere (null: unchanged)
     * @param region             the new instance's region, when it changed (null: unchanged)
     * @param droppedElasticIp   the Elastic IP allocation the spec named, dropped because it cannot follow the instance
     *                           into another region (null: kept)
     * @param replacedAddress    the probe's address before, when the probe named the server by its IP (null: unchanged)
     * @param address            the probe's address now (null: unchanged)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ReplacementAdopted(String incidentId, String targetId, Instant at, int step, String commandId,
            String replacedInstanceId, String instanceId, String replacedRegion, String region, String droppedElasticIp,
            String replacedAddress, String address) implements IncidentEvent {
    }

    /** The actuator reports the step's action failed or was rejected. */
    record RecoveryStepFailed(String incidentId, String targetId, Instant at, int step, String commandId,
            String reason, boolean nonRecoverable) implements IncidentEvent {
    }

    /** The target was UP again within the verification window after a step. */
    record VerificationPassed(String incidentId, String targetId, Instant at, int step) implements IncidentEvent {
    }

    /** The verification window closed with the target still down. */
    record VerificationFailed(String incidentId, String targetId, Instant at, int step) implements IncidentEvent {
    }

    /** The ladder moves up a step. */
    record Escalated(String incidentId, String targetId, Instant at, int fromStep, int toStep, String why)
            implements IncidentEvent {
    }

    /** No steps left: notify only from here on. */
    record LadderExhausted(String incidentId, String targetId, Instant at) implements IncidentEvent {
    }

    /** Automation cannot help (no snapshot, access denied, budget spent): a person must act. */
    record NeedsHuman(String incidentId, String targetId, Instant at, String reason) implements IncidentEvent {
    }

    /** After a re-provision, the original instance answers again at its own {@code address}. */
    record OriginalInstanceBack(String incidentId, String targetId, Instant at, String address) implements IncidentEvent {
    }

    /** The incident is over. */
    record IncidentResolved(String incidentId, String targetId, Instant at, String reason, long downtimeSeconds)
            implements IncidentEvent {
    }
}
