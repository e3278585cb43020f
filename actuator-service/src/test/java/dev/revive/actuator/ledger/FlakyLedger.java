package dev.revive.actuator.ledger;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import jakarta.inject.Singleton;

import dev.revive.common.contract.RecoveryResult;
import io.quarkus.test.Mock;

/**
 * The real ledger, except that the outcome write of a command named with {@link #failNextFinish} fails once, before
 * it reaches PostgreSQL, the way it does while the database restarts. Every other call goes to the real database.
 */
@Mock
@Singleton
public class FlakyLedger extends Ledger {

    private final Set<String> failNext = ConcurrentHashMap.newKeySet();
    private final AtomicInteger failed = new AtomicInteger();

    public FlakyLedger(DataSource db) {
        super(db);
    }

    /** The next {@link #finish} of this command throws, once. */
    public void failNextFinish(String commandId) {
        failNext.add(commandId);
    }

    /** How many outcome writes were made to fail. */
    public int failedFinishes() {
        return failed.get();
    }

    @Override
    public boolean finish(RecoveryResult result) {
        if (failNext.remove(result.commandId())) {
            failed.incrementAndGet();
            throw new IllegalStateException("test: connection to PostgreSQL lost while storing " + result.commandId());
        }
        return super.finish(result);
    }
}
