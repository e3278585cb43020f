package dev.revive.policy.detection;

import java.util.Arrays;

/** The last {@link #SIZE} latencies of a target's successful probes, for the p95 latency rule. Not thread-safe. */
public final class LatencyWindow {

    public static final int SIZE = 20;
    public static final int MIN_SAMPLES = 5;

    private final long[] micros = new long[SIZE];
    private int count;
    private int next;

    public void add(long durationMicros) {
        micros[next] = durationMicros;
        next = (next + 1) % SIZE;
        count = Math.min(SIZE, count + 1);
    }

    public boolean ready() {
        return count >= MIN_SAMPLES;
    }

    /** Nearest-rank p95 of the window, in milliseconds. */
    public long p95Millis() {
        long[] sorted = Arrays.copyOf(micros, count);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(0.95 * count);
        return sorted[Math.max(0, rank - 1)] / 1000;
    }
}
