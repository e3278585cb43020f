package dev.revive.prober.schedule;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import dev.revive.common.contract.ProbeResult;
import dev.revive.common.contract.TargetSpec;
import dev.revive.prober.drift.BlockSignatures;

/** One target this instance probes: its current spec, its sequence, its last result and its drift baseline. */
public final class TargetState {

    private final String id;
    private final int partition;
    private final AtomicLong seq;
    private final AtomicBoolean inFlight = new AtomicBoolean();
    private volatile TargetSpec spec;
    private volatile ProbeResult last;
    private volatile BlockSignatures baseline;
    private volatile String baselineUrl;
    private volatile long timerId = -1;
    private volatile boolean removed;
    // The plan of the next probe, guarded by this object's lock (see ProbeScheduler).
    /** When the next regular turn is due (ms on the monotonic clock): the target's phase, kept through retries. */
    long regularAt;
    /** Consecutive failed results, the latest included. */
    int failures;
    /** Whether the armed timer is a retry (the regular turn then waits in {@link #regularAt}). */
    boolean retryArmed;
    /** Bumped at every new timer: a timer that fires after it was replaced finds another plan and does nothing. */
    long plan;

    public TargetState(TargetSpec spec, int partition) {
        this(spec, partition, new AtomicLong());
    }

    /** @param seq this instance's sequence counter for the target, shared with the target's earlier states */
    public TargetState(TargetSpec spec, int partition, AtomicLong seq) {
        this.seq = seq;
        this.id = spec.id();
        this.spec = spec;
        this.partition = partition;
    }

    public String id() {
        return id;
    }

    public int partition() {
        return partition;
    }

    public TargetSpec spec() {
        return spec;
    }

    void spec(TargetSpec s) {
        this.spec = s;
    }

    public long nextSeq() {
        return seq.incrementAndGet();
    }

    AtomicBoolean inFlight() {
        return inFlight;
    }

    /** Consecutive failed results of this target here (0 after a success). */
    public synchronized int consecutiveFailures() {
        return failures;
    }

    public ProbeResult last() {
        return last;
    }

    void last(ProbeResult r) {
        this.last = r;
    }

    public BlockSignatures baseline() {
        return baseline;
    }

    public void baseline(BlockSignatures b) {
        baseline(b, b == null ? null : spec.probe().url());
    }

    /** The URL the baseline was taken from: a baseline of another URL is never compared with this one's body. */
    public String baselineUrl() {
        return baselineUrl;
    }

    public void baseline(BlockSignatures b, String url) {
        this.baseline = b;
        this.baselineUrl = url;
    }

    long timerId() {
        return timerId;
    }

    void timerId(long t) {
        this.timerId = t;
    }

    boolean removed() {
        return removed;
    }

    void markRemoved() {
        this.removed = true;
    }
}
