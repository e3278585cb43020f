package dev.revive.policy.history;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Health results folded into one row per target, location and minute (of the probe's start), in memory until
 * {@link #drain drained}. Many consumer threads may {@link #record} while one drains: a minute being drained is
 * closed first, and a result that arrives for it afterwards (late, or racing the drain) opens a fresh row for the
 * same minute that a later drain returns; the store adds the two.
 */
public final class MinuteRollups {

    /** One drained row. Latencies in ms; p50/p95 are histogram bounds (see {@link LatencyHistogram}). */
    public record Row(String targetId, String location, long minuteEpochMs, int probes, int failures, long latencySumMs,
            int p50Ms, int p95Ms, int maxMs) {
    }

    private record Key(String targetId, String location, long minute) {
    }

    private static final class Acc {
        final LatencyHistogram latency = new LatencyHistogram();
        int failures;
        long sum;
        boolean closed;
    }

    private final Map<Key, Acc> open = new ConcurrentHashMap<>();

    /** Rows in memory (target × location × minute). */
    int size() {
        return open.size();
    }

    void record(String targetId, String location, long startedEpochMs, boolean up, int latencyMs) {
        Key key = new Key(targetId, location == null ? "" : location, startedEpochMs - Math.floorMod(startedEpochMs, 60_000L));
        while (true) {
            Acc acc = open.computeIfAbsent(key, k -> new Acc());
            synchronized (acc) {
                if (acc.closed) {
                    open.remove(key, acc); // drained under us: a fresh row for the same minute
                    continue;
                }
                acc.latency.add(latencyMs);
                acc.sum += Math.max(0, latencyMs);
                if (!up) {
                    acc.failures++;
                }
                return;
            }
        }
    }

    /** Removes and returns every row of a minute that began before {@code beforeEpochMs} (all rows: Long.MAX_VALUE). */
    List<Row> drain(long beforeEpochMs) {
        List<Row> out = new ArrayList<>();
        Iterator<Map.Entry<Key, Acc>> it = open.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Key, Acc> e = it.next();
            Key k = e.getKey();
            if (k.minute() >= beforeEpochMs) {
                continue;
            }
            Acc acc = e.getValue();
            synchronized (acc) {
                acc.closed = true;
                it.remove();
                LatencyHistogram h = acc.latency;
                out.add(new Row(k.targetId(), k.location(), k.minute(), h.total(), acc.failures, acc.sum, h.percentile(0.5),
                        h.percentile(0.95), h.max()));
            }
        }
        return out;
    }
}
