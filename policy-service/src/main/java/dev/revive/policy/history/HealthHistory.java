package dev.revive.policy.history;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.revive.common.contract.ProbeResult;
import dev.revive.policy.config.PolicyConfig;
import dev.revive.policy.registry.TargetRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;

/**
 * Health history: every accepted probe result goes into the live heartbeat ring ({@link RecentResults}) and its
 * minute's rollup ({@link MinuteRollups}), both in memory; every {@code revive.history.flush-interval} the finished
 * minutes are written in batches ({@link HistoryStore}), and every ten minutes rows past their retention go. A flush
 * that fails keeps nothing back: its rows are logged as lost (a gap in a chart, never a wrong figure), and the next
 * flush goes on. At shutdown the open minutes are written too.
 */
@ApplicationScoped
public class HealthHistory {

    private static final Logger LOG = Logger.getLogger(HealthHistory.class);
    private static final long RETENTION_EVERY_MS = 600_000;

    @Inject
    HistoryStore store;
    @Inject
    PolicyConfig config;
    @Inject
    Vertx vertx;

    private final RecentResults recent = new RecentResults();
    private final MinuteRollups rollups = new MinuteRollups();
    private final AtomicBoolean flushing = new AtomicBoolean();
    private final Counter written;
    private final Counter lost;
    private long flushTimer = -1;
    /** {@code revive.history.enabled}, read once: {@link #onResult} runs for every accepted result. */
    private final boolean enabled;
    private long retentionTimer = -1;

    @Inject
    HealthHistory(MeterRegistry metrics, PolicyConfig config) {
        enabled = config.history().enabled();
        written = metrics.counter("revive.history.rows", "result", "written");
        lost = metrics.counter("revive.history.rows", "result", "lost");
        metrics.gauge("revive.history.open.rows", rollups, MinuteRollups::size);
    }

    /** A probe result detection accepted. Cheap: two in-memory updates. */
    public void onResult(ProbeResult r) {
        recent.record(r);
        if (enabled) {
            long started = r.startedAt() == null ? System.currentTimeMillis() : r.startedAt().toEpochMilli();
            rollups.record(r.targetId(), r.location(), started, r.up(), (int) Math.min(Integer.MAX_VALUE, r.durationMicros() / 1000));
        }
    }

    public RecentResults recent() {
        return recent;
    }

    void start(@Observes StartupEvent ev) {
        if (!enabled) {
            return;
        }
        flushTimer = vertx.setPeriodic(config.history().flushInterval().toMillis(), id -> flushFinished());
        retentionTimer = vertx.setPeriodic(RETENTION_EVERY_MS, id -> expire());
    }

    void stop(@Observes ShutdownEvent ev) {
        vertx.cancelTimer(flushTimer);
        vertx.cancelTimer(retentionTimer);
        if (enabled) {
            try {
                flushAll();
            } catch (RuntimeException e) {
                LOG.warnf("open minutes not written at shutdown: %s", e.toString());
            }
        }
    }

    void onRemoved(@Observes TargetRegistry.TargetRemoved removed) {
        recent.forget(removed.targetId());
    }

    /**
     * Writes every minute held in memory, finished or not, and waits for it: at shutdown and in tests, never on an
     * event loop. Waits for a flush under way to end first.
     */
    public void flushAll() {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!flushing.compareAndSet(false, true)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("a health history flush has not ended in 30 s");
            }
            java.util.concurrent.locks.LockSupport.parkNanos(20_000_000);
        }
        try {
            write(rollups.drain(Long.MAX_VALUE)).await().atMost(Duration.ofSeconds(30));
        } finally {
            flushing.set(false);
        }
    }

    /** Writes the finished minutes in the background; skipped while the previous flush is under way. */
    void flushFinished() {
        if (!flushing.compareAndSet(false, true)) {
            return;
        }
        long now = System.currentTimeMillis();
        write(rollups.drain(now - Math.floorMod(now, 60_000L))).subscribe().with(x -> flushing.set(false), t -> flushing.set(false));
    }

    /** Writes drained rows; a failure is counted and logged, never thrown: the rows are lost, the next flush goes on. */
    private io.smallrye.mutiny.Uni<Void> write(List<MinuteRollups.Row> rows) {
        if (rows.isEmpty()) {
            return io.smallrye.mutiny.Uni.createFrom().voidItem();
        }
        return store.write(rows)
                .invoke(() -> written.increment(rows.size()))
                .onFailure().invoke(t -> {
                    lost.increment(rows.size());
                    LOG.errorf("health history: %d minute rows not written: %s", rows.size(), t.toString());
                })
                .onFailure().recoverWithNull();
    }

    private void expire() {
        Instant now = Instant.now();
        store.expire(now.minus(config.history().minuteRetention()), now.minus(config.history().hourRetention()))
                .subscribe().with(x -> { }, t -> LOG.warnf("health history retention failed: %s", t.toString()));
    }
}
