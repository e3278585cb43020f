package dev.revive.prober.schedule;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

/**
 * A clock that moves only when a test says so. Each timer due on the way fires on an event loop, in the order of its
 * due time, and the clock waits (in real time) until the probes it started have finished before it moves on: a probe
 * of a local server takes no time on this clock, so a plan of retries and regular turns over half a minute is run
 * through in a fraction of a second, and every result lands at exactly the time the scheduler planned it.
 */
final class ManualTimers implements Timers {

    private record Timer(long id, long dueMs, Handler<Long> handler) {
    }

    private final Context context;
    private final Map<Long, Timer> timers = new HashMap<>();
    private ProbeScheduler scheduler;
    private long now = 1_000_000;
    private long ids;

    ManualTimers(Vertx vertx) {
        this.context = vertx.getOrCreateContext();
    }

    /** The scheduler whose probes must have finished before the clock moves on. */
    ManualTimers settle(ProbeScheduler scheduler) {
        this.scheduler = scheduler;
        return this;
    }

    @Override
    public synchronized long nowMs() {
        return now;
    }

    @Override
    public synchronized long setTimer(long delayMs, Handler<Long> handler) {
        long id = ++ids;
        timers.put(id, new Timer(id, now + Math.max(1, delayMs), handler));
        return id;
    }

    @Override
    public synchronized void cancelTimer(long id) {
        timers.remove(id);
    }

    /** Moves the clock by the given time, firing every timer due on the way. */
    void runFor(long ms) {
        long until = nowMs() + ms;
        while (fireNext(until)) {
            // the next one
        }
        synchronized (this) {
            now = until;
        }
    }

    /**
     * Moves the clock timer by timer until the condition holds, and fails if it still does not after the given time.
     *
     * @return how far the clock moved
     */
    long runUntil(BooleanSupplier condition, long atMostMs) {
        long start = nowMs();
        long until = start + atMostMs;
        while (!condition.getAsBoolean()) {
            if (!fireNext(until)) {
                throw new AssertionError("condition not met within " + atMostMs + " ms on the test clock");
            }
        }
        return nowMs() - start;
    }

    /** Fires the earliest timer due by the given time, if any, and waits for the probes it started. */
    private boolean fireNext(long until) {
        Timer next;
        synchronized (this) {
            next = timers.values().stream().min(Comparator.comparingLong(Timer::dueMs).thenComparingLong(Timer::id))
                    .filter(t -> t.dueMs() <= until).orElse(null);
            if (next == null) {
                return false;
            }
            timers.remove(next.id());
            now = Math.max(now, next.dueMs());
        }
        Promise<Void> fired = Promise.promise();
        context.runOnContext(v -> {
            try {
                next.handler().handle(next.id());
                fired.complete();
            } catch (RuntimeException e) {
                fired.fail(e);
            }
        });
        fired.future().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
        if (scheduler != null) {
            await().atMost(Duration.ofSeconds(10)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1)).until(() -> scheduler.inFlight() == 0);
        }
        return true;
    }
}
