package dev.revive.prober.schedule;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.jboss.logging.Logger;

import dev.revive.common.contract.ProbeResult;
import dev.revive.common.contract.TargetSpec;
import dev.revive.prober.assignment.TargetSink;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * Per-target timers on the Vert.x event loops. A target's first probe comes at a random point of its first
 * interval and each next one an interval (± jitter) after the previous one started, so targets spread out and a
 * slow probe never shifts the others. A probe still running when its next turn comes skips that turn; beyond
 * {@code maxInFlight} probes at once, turns are skipped too (and counted) rather than queued without bound.
 *
 * <p>After a failed result the target is probed again sooner, by its {@link RetrySchedule}, between its regular
 * turns: the regular turns keep their time (the target's phase), so after a success the target is back on them. A
 * retry that would come less than half its gap before the regular turn is left to the regular turn. Each target has
 * one timer at a time; its plan changes under the target's lock, and a timer replaced meanwhile does nothing when it
 * fires, so a target never ends up with two chains of turns.
 */
public final class ProbeScheduler implements TargetSink {

    private static final Logger LOG = Logger.getLogger(ProbeScheduler.class);

    private final Timers timers;
    private final ProbeRunner runner;
    private final ResultSink sink;
    private final int maxInFlight;
    private final double jitter;
    private final Map<String, TargetState> targets = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong skipped = new AtomicLong();
    /**
     * Per-target sequence counters, kept for the life of this instance: a target whose partition is revoked and
     * assigned back (a broker restart does that) goes on counting instead of starting at 1 again, so its results
     * are never taken for late ones by the policy's detection.
     */
    private final Map<String, AtomicLong> sequences = new ConcurrentHashMap<>();
    private final ProbeWatchdog watchdog;

    public ProbeScheduler(Vertx vertx, ProbeRunner runner, ResultSink sink, int maxInFlight, double jitter) {
        this(vertx, runner, sink, maxInFlight, jitter, null);
    }

    /** @param watchdog told when each probe starts and ends (null: none) */
    public ProbeScheduler(Vertx vertx, ProbeRunner runner, ResultSink sink, int maxInFlight, double jitter,
            ProbeWatchdog watchdog) {
        this(Timers.of(vertx), runner, sink, maxInFlight, jitter, watchdog);
    }

    /** On the given clock and timers (tests: a clock that moves only when told). */
    ProbeScheduler(Timers timers, ProbeRunner runner, ResultSink sink, int maxInFlight, double jitter,
            ProbeWatchdog watchdog) {
        this.watchdog = watchdog;
        this.timers = timers;
        this.runner = runner;
        this.sink = sink;
        this.maxInFlight = maxInFlight;
        this.jitter = jitter;
    }

    /** Starts probing a target, or changes the settings the next turn uses. */
    @Override
    public void upsert(TargetSpec spec, int partition) {
        TargetState existing = targets.get(spec.id());
        if (existing != null && existing.partition() == partition) {
            existing.spec(spec);
            return;
        }
        if (existing != null) {
            remove(spec.id());
        }
        TargetState s = new TargetState(spec, partition, sequences.computeIfAbsent(spec.id(), k -> new AtomicLong()));
        targets.put(spec.id(), s);
        long first = Math.max(1, (long) (ThreadLocalRandom.current().nextDouble() * spec.probe().effectiveIntervalMs()));
        synchronized (s) {
            s.regularAt = nowMs() + first;
            arm(s, first, false);
        }
    }

    @Override
    public void remove(String targetId) {
        TargetState s = targets.remove(targetId);
        if (s != null) {
            synchronized (s) {
                s.markRemoved();
                s.plan++;
                timers.cancelTimer(s.timerId());
            }
        }
    }

    @Override
    public void removePartition(int partition) {
        targets.values().stream().filter(s -> s.partition() == partition).map(TargetState::id).toList().forEach(this::remove);
    }

    public void removeAll() {
        targets.keySet().stream().toList().forEach(this::remove);
    }

    public TargetState get(String targetId) {
        return targets.get(targetId);
    }

    public Collection<TargetState> targets() {
        return targets.values();
    }

    public long skippedTurns() {
        return skipped.get();
    }

    public int inFlight() {
        return inFlight.get();
    }

    private long nowMs() {
        return timers.nowMs();
    }

    /** Replaces the target's timer (caller holds the target's lock). */
    private void arm(TargetState s, long delayMs, boolean retry) {
        long plan = ++s.plan;
        s.retryArmed = retry;
        timers.cancelTimer(s.timerId());
        s.timerId(timers.setTimer(Math.max(1, delayMs), id -> turn(s, plan)));
    }

    private void turn(TargetState s, long plan) {
        synchronized (s) {
            if (s.removed() || plan != s.plan) {
                return;
            }
            long now = nowMs();
            if (!s.retryArmed) {
                long interval = s.spec().probe().effectiveIntervalMs();
                double f = 1 + jitter * (2 * ThreadLocalRandom.current().nextDouble() - 1);
                s.regularAt = now + Math.max(1, (long) (interval * f));
            }
            // A retry falls back to the regular turn; the result may plan the next retry.
            arm(s, s.regularAt - now, false);
        }
        if (!s.inFlight().compareAndSet(false, true)) {
            skipped.incrementAndGet();
            return;
        }
        if (inFlight.incrementAndGet() > maxInFlight) {
            inFlight.decrementAndGet();
            s.inFlight().set(false);
            skipped.incrementAndGet();
            return;
        }
        execute(s).onComplete(ar -> {
            inFlight.decrementAndGet();
            s.inFlight().set(false);
        });
    }

    /** Probes now, outside the schedule (REST), publishing the result like any other. */
    public Future<ProbeResult> probeNow(TargetState s) {
        return execute(s);
    }

    private Future<ProbeResult> execute(TargetState s) {
        Object token = watchdog == null ? null : watchdog.started(s.id(), s.spec().probe().effectiveTimeoutMs());
        Future<ProbeResult> f;
        try {
            f = runner.run(s);
        } catch (RuntimeException e) {
            f = Future.failedFuture(e); // never a probe that stays in flight for ever
        }
        return f.onComplete(ar -> {
            if (token != null) {
                watchdog.finished(token);
            }
            if (ar.succeeded()) {
                ProbeResult r = ar.result();
                s.last(r);
                if (!s.removed()) {
                    sink.accept(r);
                    planAfter(s, r);
                }
            } else {
                LOG.warnf(ar.cause(), "probe of %s failed unexpectedly", s.id());
            }
        });
    }

    /** Counts the result and, after a failure, moves the next probe closer when the target's retry schedule says so. */
    private void planAfter(TargetState s, ProbeResult r) {
        TargetSpec spec = s.spec();
        synchronized (s) {
            if (s.removed()) {
                return;
            }
            if (r.outcome() != ProbeResult.Outcome.DOWN) {
                s.failures = 0;
                if (s.retryArmed) {
                    arm(s, s.regularAt - nowMs(), false); // a success: back on the regular turns
                }
                return;
            }
            s.failures++;
            long gap = RetrySchedule.gapAfter(s.failures, spec.detection().effectiveFailureThreshold(),
                    spec.probe().effectiveRetryIntervalMs(), spec.probe().effectiveIntervalMs());
            long now = nowMs();
            // A host-agent target's result here is a fixed refusal: probing it again sooner would change nothing.
            boolean retries = spec.probe().kind() != TargetSpec.ProbeKind.HOST_AGENT;
            if (retries && gap != RetrySchedule.NONE && now + gap + gap / 2 <= s.regularAt) {
                arm(s, gap, true);
            } else if (s.retryArmed) {
                arm(s, s.regularAt - now, false);
            }
        }
    }
}
