package dev.revive.actuator.ledger;

import java.time.Instant;

import dev.revive.common.contract.RecoveryResult;

/** A command's row in the ledger; {@code result} is null while it is STARTED. */
public record LedgerEntry(String commandId, String state, int attempts, String reference, RecoveryResult result,
        Instant startedAt) {

    public boolean started() {
        return "STARTED".equals(state);
    }
}
