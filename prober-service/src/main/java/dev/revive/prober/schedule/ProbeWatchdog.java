package dev.revive.prober.schedule;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.jboss.logging.Logger;

import io.netty.util.concurrent.EventExecutor;
import io.vertx.core.Vertx;
import io.vertx.core.impl.VertxInternal;

/**
 * Notices when this prober has stopped probing without anyone being told. Every probe has its own deadline, run by its
 * event loop; a loop that is blocked (a pathological body pattern did that) runs neither the probe nor its deadline nor
 * the next turns of its targets, so nothing fails: results just stop. The watchdog runs on a thread of its own and
 * sees two things: probes in flight for longer than their timeout plus a slack, and event loops that have not run a
 * task sent to them within the slack. Either makes the prober's health DOWN (liveness and readiness: a restart moves
 * its targets to the other probers of its location) and shows in the metrics; no probe result is invented, so the
 * policy's watchdog for missing results sees the targets concerned.
 */
public final class ProbeWatchdog implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ProbeWatchdog.class);

    /** What the last check found. */
    public record Status(int stalledProbes, int stalledLoops, List<String> stalledTargets) {
        public boolean healthy() {
            return stalledProbes == 0 && stalledLoops == 0;
        }
    }

    private static final class InFlight {
        final String targetId;
        final long startedNanos;
        final long limitNanos;
        boolean reported;

        InFlight(String targetId, long startedNanos, long limitNanos) {
            this.targetId = targetId;
            this.startedNanos = startedNanos;
            this.limitNanos = limitNanos;
        }
    }

    private final Map<Object, InFlight> inFlight = new ConcurrentHashMap<>();
    private final List<EventExecutor> loops = new ArrayList<>();
    /** Per loop: when the ping still waiting to run was sent (nanoTime), or 0. */
    private final AtomicLong[] pingSent;
    private final boolean[] loopReported;
    private final long slackNanos;
    private final ScheduledExecutorService timer;
    private volatile Status status = new Status(0, 0, List.of());

    /**
     * @param slackMs how much longer than its timeout a probe may stay in flight, and how long a loop may take to run
     *                a task, before the prober counts as stalled
     */
    public ProbeWatchdog(Vertx vertx, long slackMs, long checkEveryMs) {
        ((VertxInternal) vertx).nettyEventLoopGroup().forEach(loops::add);
        this.pingSent = new AtomicLong[loops.size()];
        this.loopReported = new boolean[loops.size()];
        for (int i = 0; i < pingSent.length; i++) {
            pingSent[i] = new AtomicLong();
        }
        this.slackNanos = TimeUnit.MILLISECONDS.toNanos(slackMs);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "revive-prober-watchdog");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::checkSafely, checkEveryMs, checkEveryMs, TimeUnit.MILLISECONDS);
    }

    /** A probe of the target starts; returns the token to pass to {@link #finished}. */
    public Object started(String targetId, long timeoutMs) {
        Object token = new Object();
        inFlight.put(token, new InFlight(targetId, System.nanoTime(), TimeUnit.MILLISECONDS.toNanos(timeoutMs) + slackNanos));
        return token;
    }

    public void finished(Object token) {
        InFlight f = inFlight.remove(token);
        if (f != null && f.reported) {
            LOG.infof("stalled probe of %s finished after %d ms", f.targetId,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - f.startedNanos));
        }
    }

    public Status status() {
        return status;
    }

    private void checkSafely() {
        try {
            check();
        } catch (RuntimeException e) {
            LOG.warnf(e, "prober watchdog check failed");
        }
    }

    /** One check (also called by tests); the timer thread runs it every checkEveryMs. */
    public synchronized Status check() {
        long now = System.nanoTime();
        int probes = 0;
        List<String> targets = new ArrayList<>();
        for (InFlight f : inFlight.values()) {
            long age = now - f.startedNanos;
            if (age > f.limitNanos) {
                probes++;
                if (targets.size() < 20) {
                    targets.add(f.targetId);
                }
                if (!f.reported) {
                    f.reported = true;
                    LOG.errorf("probe of %s in flight for %d ms, past its timeout: this prober is stalled (its results "
                            + "for the target stop until it recovers)", f.targetId, TimeUnit.NANOSECONDS.toMillis(age));
                }
            }
        }
        int stalledLoops = 0;
        for (int i = 0; i < loops.size(); i++) {
            AtomicLong sent = pingSent[i];
            long at = sent.get();
            if (at == 0) {
                long stamp = Math.max(1, now);
                sent.set(stamp);
                loops.get(i).execute(() -> sent.compareAndSet(stamp, 0));
                loopReported[i] = false;
            } else if (now - at > slackNanos) {
                stalledLoops++;
                if (!loopReported[i]) {
                    loopReported[i] = true;
                    LOG.errorf("event loop %d has not run a task for %d ms: every probe on it is stalled", i,
                            TimeUnit.NANOSECONDS.toMillis(now - at));
                }
            }
        }
        Status s = new Status(probes, stalledLoops, List.copyOf(targets));
        status = s;
        return s;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
