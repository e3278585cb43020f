package dev.revive.actuator.command;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.revive.actuator.driver.ActionContext;
import dev.revive.actuator.driver.Driver;
import dev.revive.actuator.driver.DriverRegistry;
import dev.revive.actuator.driver.Outcome;
import dev.revive.actuator.ledger.Ledger;
import dev.revive.actuator.ledger.LedgerEntry;
import dev.revive.common.contract.RecoveryCommand;
import dev.revive.common.contract.RecoveryResult;
import dev.revive.common.contract.RecoveryResult.Status;
import dev.revive.common.signing.CommandSigner;
import dev.revive.common.signing.SignatureException;

/**
 * Turns one command into one result, exactly once: signature, allow-list, then the ledger (STARTED committed
 * before the driver is called, the outcome after). Blocking: runs on a worker thread.
 */
@ApplicationScoped
public class CommandProcessor {

    static final String OUTCOME_UNKNOWN_REASON = "outcome unknown, verify: the actuator stopped while the action was running";

    private static final Logger LOG = Logger.getLogger(CommandProcessor.class);

    private final CommandSigner signer;
    private final CommandValidator validator;
    private final Ledger ledger;
    private final DriverRegistry drivers;
    private final ActionRunner runner;
    private final TargetLocks locks;
    private final ActuatorMetrics metrics;
    private final Clock clock;

    /**
     * Results this process has in hand but could not write to the ledger yet (the database went away after the
     * driver finished), by command id. The retry of the same record stores and publishes them instead of taking the
     * STARTED row for a crash leftover. Removed once stored; lost on restart, when OUTCOME_UNKNOWN is the truth.
     */
    private final Map<String, RecoveryResult> unstored = new ConcurrentHashMap<>();

    public CommandProcessor(CommandSigner signer, CommandValidator validator, Ledger ledger, DriverRegistry drivers,
            ActionRunner runner, TargetLocks locks, ActuatorMetrics metrics, Clock clock) {
        this.signer = signer;
        this.validator = validator;
        this.ledger = ledger;
        this.drivers = drivers;
        this.runner = runner;
        this.locks = locks;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** What to publish for a command, and whether it may reuse a stable event id (false for rejections). */
    public record Handled(RecoveryResult result, boolean rejected) {
    }

    public Handled handle(RecoveryCommand c) {
        try {
            signer.verify(c);
        } catch (SignatureException e) {
            if (e.reason() == SignatureException.Reason.EXPIRED && c.commandId() != null) {
                // Authentic but late: a redelivery of a command that already ran must still get its stored result.
                Optional<LedgerEntry> seen = locks.withTarget(c.targetId(), () -> ledger.find(c.commandId()));
                if (seen.isPresent()) {
                    return new Handled(locks.withTarget(c.targetId(), () -> alreadySeen(c, seen.get(), null)), false);
                }
            }
            return reject(c, new Rejection(e.reason().name().toLowerCase(), e.getMessage()));
        }
        Optional<Rejection> invalid = validator.check(c);
        if (invalid.isPresent()) {
            return reject(c, invalid.get());
        }
        Driver driver = drivers.driverFor(c.actionType());
        if (driver == null) {
            return reject(c, new Rejection("no_driver", "this actuator has no driver for " + c.action()));
        }
        return new Handled(locks.withTarget(c.targetId(), () -> runOnce(c, driver)), false);
    }

    private RecoveryResult runOnce(RecoveryCommand c, Driver driver) {
        Instant startedAt = clock.instant();
        if (ledger.tryStart(c, startedAt)) {
            return execute(c, driver, startedAt);
        }
        LedgerEntry entry = ledger.find(c.commandId()).orElseThrow();
        return alreadySeen(c, entry, driver);
    }

    /** The command is in the ledger: return its result, resume it, or say its outcome is unknown. */
    private RecoveryResult alreadySeen(RecoveryCommand c, LedgerEntry entry, Driver driverIfValid) {
        if (!entry.started()) {
            unstored.remove(c.commandId());
            metrics.ledgerHit(entry.result().status());
            LOG.infof("command %s seen again: returning its stored %s result, nothing runs", c.commandId(),
                    entry.result().status());
            return entry.result();
        }
        RecoveryResult inHand = unstored.get(c.commandId());
        if (inHand != null) {
            metrics.crashRecovery("stored_late");
            LOG.infof("command %s is STARTED in the ledger but finished here with %s; storing that result now, "
                    + "nothing runs again", c.commandId(), inHand.status());
            return store(inHand);
        }
        if (driverIfValid != null && driverIfValid.resumable(c)) {
            metrics.crashRecovery("resumed");
            LOG.warnf("command %s was left STARTED (attempt %d); resuming it, its action is idempotent", c.commandId(),
                    entry.attempts());
            ledger.resumed(c.commandId());
            return execute(c, driverIfValid, entry.startedAt());
        }
        metrics.crashRecovery("outcome_unknown");
        LOG.warnf("command %s was left STARTED (%s); not repeating it, reporting outcome unknown", c.commandId(),
                entry.reference() == null ? "no reference" : entry.reference());
        String detail = entry.reference() == null ? null : "last reference: " + entry.reference();
        return store(result(c, Status.OUTCOME_UNKNOWN, false, OUTCOME_UNKNOWN_REASON, detail, null, null,
                entry.startedAt()));
    }

    private RecoveryResult execute(RecoveryCommand c, Driver driver, Instant startedAt) {
        ActionContext context = ref -> ledger.reference(c.commandId(), ref);
        long t0 = System.nanoTime();
        ActionRunner.Ran ran = runner.run(driver, c, context);
        RecoveryResult r;
        if (ran.timedOut()) {
            r = result(c, Status.OUTCOME_UNKNOWN, false,
                    "outcome unknown, verify: the action did not finish within " + ran.timeout(), null, null, null,
                    startedAt);
        } else {
            Outcome o = ran.outcome();
            r = result(c, o.succeeded() ? Status.SUCCEEDED : Status.FAILED, !o.succeeded() && o.nonRecoverable(),
                    o.reason(), o.output(), o.newInstanceId(), o.newAddress(), startedAt);
            if (o.originalInstanceId() != null || o.originalAddress() != null || o.newRegion() != null) {
                r = new RecoveryResult(r.commandId(), r.incidentId(), r.targetId(), r.step(), r.action(), r.status(),
                        r.nonRecoverable(), r.reason(), r.output(), r.newInstanceId(), r.newAddress(), r.startedAt(),
                        r.finishedAt(), o.originalInstanceId(), o.originalAddress(), o.newRegion());
            }
        }
        metrics.executed(c.action(), r.status(), Duration.ofNanos(System.nanoTime() - t0));
        return store(r);
    }

    /**
     * Stores an outcome; if another instance stored one first, that one stands and is returned. If the write fails,
     * the outcome is kept in memory for the record's retry (see {@link #unstored}) and the failure goes on up.
     */
    private RecoveryResult store(RecoveryResult r) {
        boolean stored;
        try {
            stored = ledger.finish(r);
        } catch (RuntimeException e) {
            unstored.put(r.commandId(), r);
            LOG.warnf("command %s finished with %s but its outcome could not be stored (%s); kept for the retry",
                    r.commandId(), r.status(), e);
            throw e;
        }
        unstored.remove(r.commandId());
        if (stored) {
            return r;
        }
        LOG.warnf("command %s was finished elsewhere meanwhile; its stored result stands", r.commandId());
        return ledger.find(r.commandId()).map(LedgerEntry::result).orElse(r);
    }

    private Handled reject(RecoveryCommand c, Rejection why) {
        metrics.rejected(why.code());
        LOG.warnf("command %s for target %s rejected: %s", c.commandId(), c.targetId(), why.reason());
        Instant now = clock.instant();
        return new Handled(new RecoveryResult(c.commandId(), c.incidentId(), c.targetId(), c.step(), c.action(),
                Status.REJECTED, false, why.reason(), null, null, null, now, now), true);
    }

    private RecoveryResult result(RecoveryCommand c, Status status, boolean nonRecoverable, String reason,
            String output, String newInstanceId, String newAddress, Instant startedAt) {
        return new RecoveryResult(c.commandId(), c.incidentId(), c.targetId(), c.step(), c.action(), status,
                nonRecoverable, reason, output, newInstanceId, newAddress, startedAt, clock.instant());
    }
}
