package dev.revive.prober.schedule;

/**
 * How soon a failing target is probed again. After the first failure the next probe comes a retry interval later,
 * and so on while the failures stay below the target's failure threshold, so the threshold is confirmed in about
 * threshold retry intervals instead of threshold intervals. Once the threshold is reached the gap doubles with each
 * further failure, up to the interval, so a long outage is not probed every retry interval. After a success the
 * target is probed at its interval again; a retry interval equal to the interval means no retries at all.
 *
 * <p>Pure: the scheduler keeps the count of consecutive failures and the timers.
 */
public final class RetrySchedule {

    /** The next probe is the target's regular turn, not a retry. */
    public static final long NONE = -1;

    private RetrySchedule() {
    }

    /**
     * The gap before the next probe after the given count of consecutive failures, or {@link #NONE} when the next probe
     * should be the regular turn (no failure, retries off, or the backed-off gap has reached the interval).
     *
     * @param failures  consecutive failed probes so far, the latest included
     * @param threshold the target's failure threshold (at least 1)
     * @param retryMs   the target's retry interval
     * @param intervalMs the target's interval
     */
    public static long gapAfter(int failures, int threshold, long retryMs, long intervalMs) {
        if (failures <= 0 || retryMs <= 0 || retryMs >= intervalMs) {
            return NONE;
        }
        if (failures < threshold) {
            return retryMs;
        }
        // The threshold-th failure is the first whose next gap doubles: 2, 4, 8 ... retry intervals.
        int doublings = failures - Math.max(threshold, 1) + 1;
        long gap = doublings >= 62 || retryMs > (intervalMs >> Math.min(doublings, 62)) ? intervalMs : retryMs << doublings;
        return gap >= intervalMs ? NONE : gap;
    }
}
