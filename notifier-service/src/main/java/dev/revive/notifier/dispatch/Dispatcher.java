package dev.revive.notifier.dispatch;

import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jboss.logging.Logger;

import dev.revive.notifier.config.NotifierConfig;
import dev.revive.notifier.ledger.Delivery;
import dev.revive.notifier.ledger.DeliveryLedger;
import dev.revive.notifier.receipt.ReceiptReporter;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Works the ledger: claims due deliveries, hands them to the workers, and reports finished ones. A run happens as soon
 * as the intake committed a request ({@link #wake()}), as soon as a worker finished a delivery (so its receipt goes out
 * at once and its worker takes the next one), and every {@code revive.notifier.dispatch.interval} as the safety net
 * that picks up retries whose time came. Runs never overlap in one instance and never wait for a send: a slow or
 * hanging recipient holds one worker, not the next request. Only as many deliveries are claimed as there are idle
 * workers, so nothing claimed sits in a queue while its lease runs. Instances share the ledger through row locks, and
 * everything the dispatcher needs is in the database, so a restarted instance picks up where the last one stopped.
 */
@ApplicationScoped
public class Dispatcher {

    private static final Logger LOG = Logger.getLogger(Dispatcher.class);

    private final DeliveryLedger ledger;
    private final DeliveryWorker worker;
    private final ReceiptReporter reporter;
    private final OutcomeRecorder recorder;
    private final NotifierConfig config;
    private final Clock clock;
    private final AtomicBoolean wakeQueued = new AtomicBoolean();
    private ScheduledExecutorService loop;
    private ExecutorService workers;
    private Semaphore idleWorkers;

    Dispatcher(DeliveryLedger ledger, DeliveryWorker worker, ReceiptReporter reporter, OutcomeRecorder recorder,
            NotifierConfig config, Clock clock) {
        this.ledger = ledger;
        this.recorder = recorder;
        this.worker = worker;
        this.reporter = reporter;
        this.config = config;
        this.clock = clock;
    }

    void start(@Observes StartupEvent ev) {
        int n = config.dispatch().workers();
        idleWorkers = new Semaphore(n);
        workers = Executors.newFixedThreadPool(n, r -> new Thread(r, "notifier-send"));
        loop = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "notifier-dispatch"));
        recorder.afterDeferredWrite(this::wake);
        long every = config.dispatch().interval().toMillis();
        loop.scheduleWithFixedDelay(this::runOnce, 0, every, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent ev) {
        if (loop != null) {
            loop.shutdownNow();
            workers.shutdown();
            try {
                workers.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Asks for a run now (coalesced: wake-ups while one is queued make one run; none is lost during a run). */
    public void wake() {
        if (loop != null && wakeQueued.compareAndSet(false, true)) {
            try {
                loop.execute(() -> {
                    wakeQueued.set(false);
                    runOnce();
                });
            } catch (RejectedExecutionException e) {
                wakeQueued.set(false);
            }
        }
    }

    private void runOnce() {
        try {
            dispatchDue();
            reporter.reportAll();
        } catch (Exception e) {
            LOG.warnf("dispatch run failed, next run retries: %s", e.toString());
        }
    }

    private void dispatchDue() throws SQLException {
        while (!Thread.currentThread().isInterrupted()) {
            // Only this thread takes permits, so they cannot shrink between this read and the acquires below.
            int idle = Math.min(idleWorkers.availablePermits(), config.dispatch().batchSize());
            if (idle == 0) {
                return; // a worker that finishes wakes the loop
            }
            // Rows whose outcome this process knows but has not written yet are never claimed (nor sent) again.
            List<Delivery> due = ledger.claimDue(clock.instant(), idle, config.dispatch().lease(), recorder.pending());
            for (Delivery d : due) {
                idleWorkers.acquireUninterruptibly();
                try {
                    workers.execute(() -> send(d));
                } catch (RejectedExecutionException e) {
                    idleWorkers.release(); // shutting down: the claim expires and another run takes it
                    return;
                }
            }
            if (due.size() < idle) {
                return;
            }
        }
    }

    private void send(Delivery d) {
        try {
            worker.deliver(d);
        } catch (RuntimeException e) {
            LOG.warnf("delivery %d failed unexpectedly (its claim expires and it is retried): %s", d.id(), e);
        } finally {
            idleWorkers.release();
            wake();
        }
    }
}
