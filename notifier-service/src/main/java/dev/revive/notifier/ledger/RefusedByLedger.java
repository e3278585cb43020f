package dev.revive.notifier.ledger;

/** A request the ledger will never store as it is (see {@link LedgerErrors#isDataError}): it is dead-lettered. */
public class RefusedByLedger extends RuntimeException {

    public RefusedByLedger(String message, Throwable cause) {
        super(message, cause);
    }
}
