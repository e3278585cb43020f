package dev.revive.policy.incident;

import java.time.Instant;
import java.util.Map;

import dev.revive.common.contract.DeliveryReceipt;
import dev.revive.common.contract.RecoveryResult;

/** What can happen to an incident: observations from the topics, timers, and people. */
public sealed interface IncidentCommand {

    /** Detection found the target down (a quorum of locations failed). */
    record TargetDown(Instant at, String reason, Map<String, String> evidence) implements IncidentCommand {
    }

    /**
     * Detection found the target up again.
     *
     * @param observedAt when the probe that made it UP started (null when unknown): a probe that started before the
     *                   incident opened says nothing about the outage (e.g. results replayed to a restarted instance)
     */
    record TargetUp(Instant at, Instant observedAt) implements IncidentCommand {
        public TargetUp(Instant at) {
            this(at, null);
        }
    }

    /** A metric rule's condition started to hold (WARNING: notify, never act). */
    record WarningRaised(Instant at, String rule, String reason, Map<String, String> evidence) implements IncidentCommand {
    }

    /** A metric rule's condition no longer holds. */
    record WarningCleared(Instant at, String reason) implements IncidentCommand {
    }

    /** A silence covering the target started: hold the ladder (by {@code IncidentDecider.SILENCE}). */
    record SilenceStarted(String reason) implements IncidentCommand {
    }

    /** No silence covers the target any more: release a hold the silence placed (and only such a hold). */
    record SilenceEnded() implements IncidentCommand {
    }

    /** After a re-provision, the original instance (watched as {@code <targetId>.original}) answers at {@code address}. */
    record OriginalAnswered(Instant at, String address) implements IncidentCommand {
    }

    /** A durable timer came due. */
    record TimerFired(TimerKind kind, int step) implements IncidentCommand {
    }

    /** The actuator reported on a command. */
    record ResultReceived(RecoveryResult result) implements IncidentCommand {
    }

    /** The notifier reported on a notification. */
    record ReceiptReceived(DeliveryReceipt receipt) implements IncidentCommand {
    }

    record PlaceHold(String by, String reason) implements IncidentCommand {
    }

    record ReleaseHold(String by) implements IncidentCommand {
    }

    record Acknowledge(String by) implements IncidentCommand {
    }

    record Resolve(String by, String reason) implements IncidentCommand {
    }
}
