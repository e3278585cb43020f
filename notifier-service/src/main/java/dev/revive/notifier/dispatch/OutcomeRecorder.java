package dev.revive.notifier.dispatch;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import dev.revive.notifier.config.NotifierConfig;
import dev.revive.notifier.ledger.Delivery;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Writes a delivery's outcome (delivered, retry later, failed) to the ledger, and keeps it in memory when the write
 * fails (PostgreSQL restarting, a pooled connection terminated): the write is retried from this process, 0.2 s
 * doubling to 5 s, for up to one lease, and while it is pending the dispatcher does not claim the row again. Without
 * this, a delivery this process knew was sent stayed SENDING until its lease ended and was then sent a second time.
 */
@ApplicationScoped
public class OutcomeRecorder {

    private static final Logger LOG = Logger.getLogger(OutcomeRecorder.class);
    static final Duration FIRST_RETRY = Duration.ofMillis(200);
    static final Duration MAX_RETRY = Duration.ofSeconds(5);

    /** Test seam: notification ids whose next outcome writes fail, with how many failures are left. */
    static final ConcurrentHashMap<String, Integer> FAIL_WRITES = new ConcurrentHashMap<>();

    /** One write of an outcome to the ledger. */
    @FunctionalInterface
    interface Write {
        void run() throws SQLException;
    }

    private final Set<Long> pending = ConcurrentHashMap.newKeySet();
    private final Duration budget;
    private final Clock clock;
    private final ScheduledExecutorService retries = Executors
            .newSingleThreadScheduledExecutor(r -> new Thread(r, "notifier-record-retry"));
    private volatile Runnable afterDeferredWrite = () -> {
    };

    OutcomeRecorder(NotifierConfig config, Clock clock) {
        this.budget = config.dispatch().lease();
        this.clock = clock;
    }

    void stop(@Observes ShutdownEvent ev) {
        retries.shutdownNow();
    }

    /** Called after an outcome that could not be written at once was written later (the dispatcher reports it). */
    void afterDeferredWrite(Runnable r) {
        this.afterDeferredWrite = r;
    }

    /** Ids of deliveries whose outcome is known here but not yet in the ledger: never claim (and send) these again. */
    Set<Long> pending() {
        return Set.copyOf(pending);
    }

    /** Writes the outcome now, or, if that fails, keeps it and retries the write in the background. */
    void record(Delivery d, String what, Write write) {
        try {
            attempt(d, write);
        } catch (SQLException e) {
            pending.add(d.id());
            Instant giveUpAt = clock.instant().plus(budget);
            LOG.errorf("cannot record the outcome (%s) of delivery %d yet, retrying it from memory until %s: %s", what,
                    d.id(), giveUpAt, e.getMessage());
            schedule(d, what, write, FIRST_RETRY, giveUpAt);
        }
    }

    private void retry(Delivery d, String what, Write write, Duration delay, Instant giveUpAt) {
        try {
            attempt(d, write);
            pending.remove(d.id());
            LOG.infof("recorded the outcome (%s) of delivery %d after a failed write", what, d.id());
            afterDeferredWrite.run();
        } catch (SQLException e) {
            if (clock.instant().isBefore(giveUpAt)) {
                Duration next = delay.multipliedBy(2);
                schedule(d, what, write, next.compareTo(MAX_RETRY) > 0 ? MAX_RETRY : next, giveUpAt);
            } else {
                giveUp(d, what, e);
            }
        } catch (RuntimeException e) {
            giveUp(d, what, e);
        }
    }

    private void schedule(Delivery d, String what, Write write, Duration delay, Instant giveUpAt) {
        try {
            retries.schedule(() -> retry(d, what, write, delay, giveUpAt), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            giveUp(d, what, e); // shutting down
        }
    }

    private void giveUp(Delivery d, String what, Exception e) {
        pending.remove(d.id());
        // The claim stays; when its lease ends the delivery is claimed (and, if it was delivered, sent) again.
        LOG.errorf("gave up recording the outcome (%s) of delivery %d; its claim expires and it is retried: %s", what,
                d.id(), e.toString());
    }

    private static void attempt(Delivery d, Write write) throws SQLException {
        Integer left = FAIL_WRITES.computeIfPresent(d.notificationId(), (k, n) -> n - 1);
        if (left != null) {
            FAIL_WRITES.remove(d.notificationId(), 0);
            throw new SQLException("FATAL: terminating connection due to administrator command (injected by a test)",
                    "57P01");
        }
        write.run();
    }
}
