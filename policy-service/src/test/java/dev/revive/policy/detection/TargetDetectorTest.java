package dev.revive.policy.detection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.revive.common.contract.ProbeResult;
import dev.revive.common.contract.ProbeResult.ErrorClass;
import dev.revive.common.contract.ProbeResult.Outcome;
import dev.revive.common.contract.TargetSpec.Detection;

class TargetDetectorTest {

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final Detection RULE = new Detection(3, 2, null, 120, null, null, null);
    long seq;

    ProbeResult probe(String location, boolean up, long second) {
        seq++;
        return new ProbeResult("p" + seq, "web-1", location, "prober-" + location, seq, T0.plusSeconds(second), 1000,
                up ? Outcome.UP : Outcome.DOWN, up ? ErrorClass.NONE : ErrorClass.TIMEOUT, null, null, null, null, null);
    }

    ProbeResult probe(String proberId, long seq, boolean up, long second) {
        return new ProbeResult(proberId + "-" + seq + "-" + second, "web-1", "eu", proberId, seq, T0.plusSeconds(second), 1000,
                up ? Outcome.UP : Outcome.DOWN, up ? ErrorClass.NONE : ErrorClass.TIMEOUT, null, null, null, null, null);
    }

    @Test
    void a_late_result_of_the_same_prober_changes_nothing() {
        var d = new TargetDetector();
        d.observe(probe("p1", 10, false, 10), RULE);
        d.observe(probe("p1", 11, false, 11), RULE);
        assertThat(d.observe(probe("p1", 12, false, 12), RULE)).isEqualTo(Verdict.DOWN);
        // seq 9 started before seq 12: delivered late, it must not count as a success
        assertThat(d.observe(probe("p1", 9, true, 9), RULE)).isNull();
        assertThat(d.observe(probe("p1", 8, true, 8), RULE)).isNull();
        assertThat(d.observe(probe("p1", 13, true, 13), RULE)).isNull();
        assertThat(d.observe(probe("p1", 14, true, 14), RULE)).isEqualTo(Verdict.UP);
    }

    @Test
    void a_prober_counting_again_from_one_after_a_rebalance_is_heard() {
        // Seen in a fault drill: the broker was killed, the prober's partitions were revoked and assigned back, its
        // per-target sequence started again at 1, and every later UP was taken for a late result: never UP again.
        var d = new TargetDetector();
        d.observe(probe("p1", 2337, false, 100), RULE);
        d.observe(probe("p1", 2338, false, 101), RULE);
        assertThat(d.observe(probe("p1", 2339, false, 102), RULE)).isEqualTo(Verdict.DOWN);
        assertThat(d.observe(probe("p1", 1, true, 120), RULE)).isNull();
        assertThat(d.observe(probe("p1", 2, true, 121), RULE)).isEqualTo(Verdict.UP);
    }

    @Test
    void is_down_after_the_threshold_of_consecutive_failures() {
        var d = new TargetDetector();
        assertThat(d.observe(probe("eu", false, 0), RULE)).isNull();
        assertThat(d.observe(probe("eu", false, 1), RULE)).isNull();
        assertThat(d.observe(probe("eu", false, 2), RULE)).isEqualTo(Verdict.DOWN);
        assertThat(d.observe(probe("eu", false, 3), RULE)).isNull();
    }

    @Test
    void a_success_resets_the_failure_count() {
        var d = new TargetDetector();
        d.observe(probe("eu", false, 0), RULE);
        d.observe(probe("eu", false, 1), RULE);
        d.observe(probe("eu", true, 2), RULE);
        d.observe(probe("eu", false, 3), RULE);
        assertThat(d.observe(probe("eu", false, 4), RULE)).isNull();
        assertThat(d.verdict()).isNotEqualTo(Verdict.DOWN);
    }

    @Test
    void one_failing_location_of_three_is_not_a_quorum() {
        var d = new TargetDetector();
        d.observe(probe("us", true, 0), RULE);
        d.observe(probe("ap", true, 0), RULE);
        for (int i = 0; i < 5; i++) {
            d.observe(probe("eu", false, i), RULE);
        }
        assertThat(d.verdict()).isNotEqualTo(Verdict.DOWN);
    }

    @Test
    void a_majority_of_the_locations_heard_makes_it_down() {
        var d = new TargetDetector();
        d.observe(probe("ap", true, 0), RULE);
        for (int i = 0; i < 3; i++) {
            d.observe(probe("eu", false, i), RULE);
        }
        Verdict last = null;
        for (int i = 0; i < 3; i++) {
            last = d.observe(probe("us", false, i), RULE);
        }
        assertThat(last).isEqualTo(Verdict.DOWN);
    }

    @Test
    void locations_not_heard_within_the_window_do_not_count() {
        var d = new TargetDetector();
        d.observe(probe("us", true, 0), RULE);
        d.observe(probe("ap", true, 0), RULE);
        d.observe(probe("eu", false, 500), RULE);
        d.observe(probe("eu", false, 501), RULE);
        assertThat(d.observe(probe("eu", false, 502), RULE)).isEqualTo(Verdict.DOWN);
    }

    @Test
    void is_up_again_after_the_recovery_threshold_of_successes() {
        var d = new TargetDetector();
        for (int i = 0; i < 3; i++) {
            d.observe(probe("eu", false, i), RULE);
        }
        assertThat(d.observe(probe("eu", true, 4), RULE)).isNull();
        assertThat(d.observe(probe("eu", true, 5), RULE)).isEqualTo(Verdict.UP);
    }

    @Test
    void a_late_older_probe_from_the_same_prober_changes_nothing() {
        var d = new TargetDetector();
        var old = probe("eu", true, 0);
        d.observe(probe("eu", false, 1), RULE);
        d.observe(probe("eu", false, 2), RULE);
        d.observe(old, RULE);
        assertThat(d.observe(probe("eu", false, 3), RULE)).isEqualTo(Verdict.DOWN);
    }

    @Test
    void the_service_ignores_a_duplicated_probe_result() {
        var svc = new DetectionService();
        var spec = new dev.revive.common.contract.TargetSpec("web-1", null, null, null, null,
                new Detection(2, 2, null, 120, null, null, null), null, null, null);
        var first = probe("eu", false, 0);
        svc.observe(first, spec);
        assertThat(svc.observe(first, spec)).isNull();
        assertThat(svc.verdict("web-1")).isEqualTo(Verdict.UNKNOWN);
        assertThat(svc.observe(probe("eu", false, 1), spec)).isEqualTo(Verdict.DOWN);
    }

    @Test
    void the_blast_radius_guard_trips_once_above_the_share() {
        var g = new BlastRadiusGuard(0.3, 4, java.time.Duration.ofMinutes(1));
        assertThat(g.recordDown("a", T0, 10)).isFalse();
        assertThat(g.recordDown("b", T0, 10)).isFalse();
        assertThat(g.recordDown("c", T0, 10)).isFalse();
        assertThat(g.recordDown("d", T0.plusSeconds(10), 10)).isTrue();
        assertThat(g.recordDown("e", T0.plusSeconds(11), 10)).isFalse();
        assertThat(g.suspect(T0.plusSeconds(11), 10)).isTrue();
        assertThat(g.suspect(T0.plusSeconds(200), 10)).isFalse();
    }
}
