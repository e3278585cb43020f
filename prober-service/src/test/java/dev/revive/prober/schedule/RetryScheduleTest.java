package dev.revive.prober.schedule;

import static dev.revive.prober.schedule.RetrySchedule.NONE;
import static dev.revive.prober.schedule.RetrySchedule.gapAfter;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class RetryScheduleTest {

    /** The gaps after 1, 2, ... consecutive failures until the schedule hands back to the regular turns. */
    private static List<Long> gaps(int threshold, long retryMs, long intervalMs) {
        List<Long> out = new ArrayList<>();
        for (int failures = 1; failures < 200; failures++) {
            long g = gapAfter(failures, threshold, retryMs, intervalMs);
            if (g == NONE) {
                return out;
            }
            out.add(g);
        }
        throw new AssertionError("never back to the regular turns: " + out);
    }

    @Test
    void below_the_threshold_the_retry_interval_then_doubling_up_to_the_interval() {
        assertThat(gaps(3, 200, 30_000)).containsExactly(200L, 200L, 400L, 800L, 1_600L, 3_200L, 6_400L, 12_800L, 25_600L);
        assertThat(gaps(2, 1_000, 30_000)).containsExactly(1_000L, 2_000L, 4_000L, 8_000L, 16_000L);
    }

    @Test
    void a_threshold_of_one_backs_off_from_the_first_failure() {
        // The first failure already confirms: nothing left to confirm at the retry interval.
        assertThat(gaps(1, 200, 1_000)).containsExactly(400L, 800L);
    }

    @Test
    void no_failure_means_the_regular_turn() {
        assertThat(gapAfter(0, 3, 200, 30_000)).isEqualTo(NONE);
    }

    @Test
    void a_retry_interval_equal_to_the_interval_turns_retries_off() {
        assertThat(gaps(3, 30_000, 30_000)).isEmpty();
        assertThat(gaps(3, 40_000, 30_000)).isEmpty();
    }

    @Test
    void a_long_outage_never_overflows_the_gap() {
        assertThat(gapAfter(100, 1, 1, Long.MAX_VALUE / 2)).isEqualTo(NONE);
        assertThat(gapAfter(64, 3, 3, Long.MAX_VALUE)).isEqualTo(NONE);
        assertThat(gapAfter(63, 3, 1, Long.MAX_VALUE)).isEqualTo(1L << 61);
        assertThat(gapAfter(Integer.MAX_VALUE, 100, 1_000, 86_400_000)).isEqualTo(NONE);
    }
}
