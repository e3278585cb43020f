package dev.revive.common.envelope;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.revive.common.contract.ActuatorCapabilities;
import dev.revive.common.contract.DeliveryReceipt;
import dev.revive.common.contract.DriftBaseline;
import dev.revive.common.contract.HostMetrics;
import dev.revive.common.contract.IncidentEvent;
import dev.revive.common.contract.NotificationRequest;
import dev.revive.common.contract.ProbeResult;
import dev.revive.common.contract.RecoveryCommand;
import dev.revive.common.contract.RecoveryResult;
import dev.revive.common.contract.TargetSpec;

/**
 * The stable {@code ce_type} name of every message, with its version. Names are part of the wire contract:
 * renaming a Java class never changes them; a breaking change of a body gets a new {@code .vN}.
 */
public final class EventTypes {

    private static final Map<Class<?>, String> BY_CLASS = new LinkedHashMap<>();
    private static final Map<String, Class<?>> BY_TYPE = new LinkedHashMap<>();

    static {
        register(TargetSpec.class, "dev.revive.target.spec.v1");
        register(ProbeResult.class, "dev.revive.probe.result.v1");
        register(HostMetrics.class, "dev.revive.host.metrics.v1");
        register(RecoveryCommand.class, "dev.revive.recovery.command.v1");
        register(RecoveryResult.class, "dev.revive.recovery.result.v1");
        register(NotificationRequest.class, "dev.revive.notification.request.v1");
        register(DeliveryReceipt.class, "dev.revive.notification.receipt.v1");
        register(DriftBaseline.class, "dev.revive.drift.baseline.v1");
        register(ActuatorCapabilities.class, "dev.revive.actuator.capabilities.v1");
        register(IncidentEvent.IncidentOpened.class, "dev.revive.incident.opened.v1");
        register(IncidentEvent.AdminNotified.class, "dev.revive.incident.admin-notified.v1");
        register(IncidentEvent.HoldPlaced.class, "dev.revive.incident.hold-placed.v1");
        register(IncidentEvent.HoldReleased.class, "dev.revive.incident.hold-released.v1");
        register(IncidentEvent.Acknowledged.class, "dev.revive.incident.acknowledged.v1");
        register(IncidentEvent.RecoveryStepStarted.class, "dev.revive.incident.step-started.v1");
        register(IncidentEvent.RecoveryStepSucceeded.class, "dev.revive.incident.step-succeeded.v1");
        register(IncidentEvent.ReplacementAdopted.class, "dev.revive.incident.replacement-adopted.v1");
        register(IncidentEvent.RecoveryStepFailed.class, "dev.revive.incident.step-failed.v1");
        register(IncidentEvent.VerificationPassed.class, "dev.revive.incident.verification-passed.v1");
        register(IncidentEvent.VerificationFailed.class, "dev.revive.incident.verification-failed.v1");
        register(IncidentEvent.Escalated.class, "dev.revive.incident.escalated.v1");
        register(IncidentEvent.LadderExhausted.class, "dev.revive.incident.ladder-exhausted.v1");
        register(IncidentEvent.NeedsHuman.class, "dev.revive.incident.needs-human.v1");
        register(IncidentEvent.OriginalInstanceBack.class, "dev.revive.incident.original-instance-back.v1");
        register(IncidentEvent.IncidentResolved.class, "dev.revive.incident.resolved.v1");
        for (Class<?> c : IncidentEvent.class.getPermittedSubclasses()) {
            if (!BY_CLASS.containsKey(c)) {
                throw new ExceptionInInitializerError("no ce_type registered for " + c.getName());
            }
        }
    }

    private static void register(Class<?> type, String name) {
        BY_CLASS.put(type, name);
        BY_TYPE.put(name, type);
    }

    /** The {@code ce_type} of a message class; throws if the class is not a wire contract. */
    public static String typeOf(Class<?> type) {
        String name = BY_CLASS.get(type);
        if (name == null) {
            throw new IllegalArgumentException(type.getName() + " is not a Revive wire contract");
        }
        return name;
    }

    /** The class for a {@code ce_type}, or null when unknown. */
    public static Class<?> classOf(String ceType) {
        return BY_TYPE.get(ceType);
    }

    /** Every registered {@code ce_type}, in a stable order. */
    public static Iterable<String> names() {
        return BY_TYPE.keySet();
    }

    private EventTypes() {
    }
}
