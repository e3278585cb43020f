package dev.revive.policy.history;

/**
 * Latencies of one minute in 40 buckets whose bounds grow by a factor of √2 (1 ms, 2 ms, 2.8 ms ... 741 s, above the
 * longest probe timeout of 300 s; longer ones share the last bucket): a percentile read from it is the upper bound of
 * its bucket, at most about 41% above the true value and never above the largest latency seen. Fixed size (160 bytes), so a minute of a hundred thousand targets costs the same
 * whatever their latencies.
 */
final class LatencyHistogram {

    static final int BUCKETS = 40;

    private final int[] counts = new int[BUCKETS];
    private int total;
    private int max;

    void add(int millis) {
        int ms = Math.max(0, millis);
        counts[bucket(ms)]++;
        total++;
        max = Math.max(max, ms);
    }

    int total() {
        return total;
    }

    int max() {
        return max;
    }

    /** The latency (ms) at or below which {@code fraction} of the recorded ones lie; 0 when none was recorded. */
    int percentile(double fraction) {
        if (total == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(fraction * total));
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return (int) Math.min(max, upperBound(i));
            }
        }
        return max;
    }

    /** Bucket {@code i} holds latencies up to {@code upperBound(i)} ms (and above {@code upperBound(i - 1)}). */
    static int bucket(int ms) {
        if (ms <= 1) {
            return 0;
        }
        // 2·log2(ms), rounded up: bucket i ends at 2^(i/2).
        int b = (int) Math.ceil(2 * (Math.log(ms) / Math.log(2)));
        return Math.min(BUCKETS - 1, b);
    }

    static long upperBound(int bucket) {
        return (long) Math.floor(Math.pow(2, bucket / 2.0));
    }
}
