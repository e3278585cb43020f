package dev.revive.prober.schedule;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;

/**
 * The clock and the timers the scheduler plans turns on: the monotonic clock and Vert.x timers, or in tests a clock
 * that only moves when told, so retry and backoff plans are checked turn by turn instead of waited for.
 */
interface Timers {

    /** Milliseconds on a monotonic clock. */
    long nowMs();

    /** Calls the handler (on an event loop) once, after the delay; returns the timer's id. */
    long setTimer(long delayMs, Handler<Long> handler);

    void cancelTimer(long id);

    static Timers of(Vertx vertx) {
        return new Timers() {
            @Override
            public long nowMs() {
                return System.nanoTime() / 1_000_000;
            }

            @Override
            public long setTimer(long delayMs, Handler<Long> handler) {
                return vertx.setTimer(delayMs, handler);
            }

            @Override
            public void cancelTimer(long id) {
                vertx.cancelTimer(id);
            }
        };
    }
}
