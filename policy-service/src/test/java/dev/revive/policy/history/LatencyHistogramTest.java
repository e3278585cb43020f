package dev.revive.policy.history;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    @Test
    void percentiles_are_bucket_bounds_within_41_percent_and_never_above_the_max() {
        LatencyHistogram h = new LatencyHistogram();
        for (int ms = 1; ms <= 100; ms++) {
            h.add(ms);
        }
        assertThat(h.total()).isEqualTo(100);
        assertThat(h.max()).isEqualTo(100);
        assertThat(h.percentile(0.5)).isBetween(50, 71);
        assertThat(h.percentile(0.95)).isBetween(95, 100);
        assertThat(h.percentile(1.0)).isEqualTo(100);
    }

    @Test
    void one_slow_probe_shows_in_the_max_and_the_p95_of_a_small_minute_but_not_in_its_median() {
        LatencyHistogram h = new LatencyHistogram();
        for (int i = 0; i < 9; i++) {
            h.add(10);
        }
        h.add(4_000);
        assertThat(h.percentile(0.5)).isBetween(10, 14);
        assertThat(h.percentile(0.95)).isEqualTo(4_000);
        assertThat(h.max()).isEqualTo(4_000);
    }

    @Test
    void empty_and_extreme_values() {
        LatencyHistogram h = new LatencyHistogram();
        assertThat(h.percentile(0.5)).isZero();
        h.add(-5);
        h.add(Integer.MAX_VALUE);
        assertThat(h.max()).isEqualTo(Integer.MAX_VALUE);
        assertThat(h.percentile(0.5)).as("bucket 0 holds 0 and 1 ms").isEqualTo(1);
        assertThat(LatencyHistogram.bucket(Integer.MAX_VALUE)).isEqualTo(LatencyHistogram.BUCKETS - 1);
        for (int ms = 2; ms < 700_000; ms = ms * 3 / 2 + 1) {
            long bound = LatencyHistogram.upperBound(LatencyHistogram.bucket(ms));
            assertThat(bound).as("bucket of %d ms", ms).isGreaterThanOrEqualTo(ms).isLessThanOrEqualTo((long) Math.ceil(ms * 1.42));
        }
    }
}
