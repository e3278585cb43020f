package dev.revive.notifier.dispatch;

import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
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
 * Works the ledger: claims due deliveries, has the workers send them, then reports finished ones. It runs every
 * {@code revive.notifier.dispatch.interval} and whenever the intake recorded something; runs never overlap in one
 * instance, and instances share the ledger through row locks. Everything it needs is in the database, so a
 * restarted instance simply picks up where the last one stopped.
 */
@ApplicationScoped
public class Dispatcher {

    private static final Logger LOG = Logger.getLogger(Dispatcher.class);

    private final DeliveryLedger ledger;
    private final DeliveryWorker worker;
    private final ReceiptReporter reporter;
    private final NotifierConfig config;
    private final Clock clock;
    private final AtomicBoolean wakeQueued = new AtomicBoolean();
    private ScheduledExecutorService loop;
    private ExecutorService workers;

    Dispatcher(DeliveryLedger ledger, DeliveryWorker worker, ReceiptReporter reporter, NotifierConfig config, Clock clock) {
        this.ledger = ledger;
        this.worker = worker;
        this.reporter = reporter;
        this.config = config;
        this.clock = clock;
    }

    void start(@Observes StartupEvent ev) {
        loop = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "notifier-dispatch"));
        workers = Executors.newFixedThreadPool(config.dispatch().workers(), r -> new Thread(r, "notifier-send"));
        long every = config.dispatch().interval().toMillis();
        loop.scheduleWithFixedDelay(this::runOnce, every, every, TimeUnit.MILLISECONDS);
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

    /** Asks for a run soon (coalesced: many wake-ups while one is queued make one run). */
    public void wake() {
        if (loop != null && wakeQueued.compareAndSet(false, true)) {
            try {
                loop.execute(() -> {
                    wakeQueued.set(false);
                    runOnce();
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                wakeQueued.set(false);
            }
        }
    }

    private void runOnce() {
        try {
            drain();
            reporter.reportAll();
        } catch (Exception e) {
            LOG.warnf("dispatch run failed, next run retries: %s", e.toString());
        }
    }

    private void drain() throws SQLException, InterruptedException {
        while (!Thread.currentThread().isInterrupted()) {
            List<Delivery> due = ledger.claimDue(clock.instant(), config.dispatch().batchSize(), config.dispatch().lease());
            if (due.isEmpty()) {
                return;
            }
            List<Future<?>> running = new ArrayList<>();
            for (Delivery d : due) {
                running.add(workers.submit(() -> worker.deliver(d)));
            }
            for (Future<?> f : running) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    LOG.warnf("delivery failed unexpectedly (its claim expires and it is retried): %s", e.getCause());
                }
            }
            reporter.reportAll();
        }
    }
}
