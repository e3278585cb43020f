package dev.revive.actuator.command;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import dev.revive.common.contract.RecoveryResult;
import io.micrometer.core.instrument.MeterRegistry;

/** The actuator's counters, as Prometheus sees them under {@code revive_actuator_*}. */
@ApplicationScoped
public class ActuatorMetrics {

    private final MeterRegistry registry;

    public ActuatorMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** A command refused before anything ran, by reason code. */
    public void rejected(String reason) {
        registry.counter("revive.actuator.commands.rejected", "reason", reason).increment();
    }

    /** A command seen again: its stored result was returned, nothing ran. */
    public void ledgerHit(RecoveryResult.Status stored) {
        registry.counter("revive.actuator.ledger.hits", "status", stored.name()).increment();
    }

    /** A command found STARTED after a crash, by what was done about it ({@code resumed} / {@code outcome_unknown}). */
    public void crashRecovery(String what) {
        registry.counter("revive.actuator.commands.interrupted", "handling", what).increment();
    }

    /** An action that ran to an outcome. */
    public void executed(String action, RecoveryResult.Status status, Duration took) {
        registry.counter("revive.actuator.actions", "action", action, "status", status.name()).increment();
        registry.timer("revive.actuator.action.duration", "action", action).record(took);
    }
}
