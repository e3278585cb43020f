package dev.revive.policy.detection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.revive.testkit.TargetSpecs;

import dev.revive.common.contract.ProbeResult;
import dev.revive.common.contract.ProbeResult.ErrorClass;
import dev.revive.common.contract.ProbeResult.Outcome;
import dev.revive.common.contract.TargetSpec.Detection;
import dev.revive.policy.detection.TargetDetector.FlapDamping;

class TargetDetectorTest {

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final Detection RULE = new Detection(3, 2, null, 120, null, null, null, null);
    /** 4 changes within 15 minutes make a target flapping, its UP then waits 60 s (the service's default is 30 s). */
    static final FlapDamping FLAP = new FlapDamping(4, Duration.ofMinutes(15), Duration.ofSeconds(60));
    /** Every probe decides: DOWN after one failure, UP after one success. */
    static final Detection FLIP = new Detection(1, 1, null, 120, null, null, null, null);
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
        var svc = new DetectionService(FlapDamping.OFF);
        var spec = TargetSpecs.of("web-1").detection(new Detection(2, 2, null, 120, null, null, null, null)).build();
        var first = probe("eu", false, 0);
        svc.observe(first, spec);
        assertThat(svc.observe(first, spec)).isNull();
        assertThat(svc.verdict("web-1")).isEqualTo(Verdict.UNKNOWN);
        assertThat(svc.observe(probe("eu", false, 1), spec)).isEqualTo(Verdict.DOWN);
    }

    /** DOWN, then three changes (UP, DOWN, UP) and the fourth (DOWN) at second 40: flapping from there on. */
    TargetDetector flapping(Detection rule) {
        var d = new TargetDetector(FLAP);
        assertThat(d.observe(probe("eu", false, 0), rule)).isEqualTo(Verdict.DOWN);
        assertThat(d.observe(probe("eu", true, 10), rule)).isEqualTo(Verdict.UP);
        assertThat(d.observe(probe("eu", false, 20), rule)).isEqualTo(Verdict.DOWN);
        assertThat(d.observe(probe("eu", true, 30), rule)).isEqualTo(Verdict.UP);
        assertThat(d.evidence()).doesNotContainKeys("flapping", "verdictChanges");
        assertThat(d.observe(probe("eu", false, 40), rule)).isEqualTo(Verdict.DOWN);
        return d;
    }

    @Test
    void a_target_is_flapping_at_four_verdict_changes_within_the_window() {
        var d = flapping(FLIP);
        assertThat(d.evidence()).containsEntry("flapping", "true").containsEntry("verdictChanges", "4");
        assertThat(d.observe(probe("eu", true, 50), FLIP)).isNull();
        assertThat(d.verdict()).isEqualTo(Verdict.DOWN);
    }

    @Test
    void three_verdict_changes_are_not_flapping_and_the_first_verdict_is_no_change() {
        var d = new TargetDetector(FLAP);
        assertThat(d.observe(probe("eu", true, 0), FLIP)).isEqualTo(Verdict.UP); // from UNKNOWN: not a change
        assertThat(d.observe(probe("eu", false, 10), FLIP)).isEqualTo(Verdict.DOWN);
        assertThat(d.observe(probe("eu", true, 20), FLIP)).isEqualTo(Verdict.UP);
        assertThat(d.observe(probe("eu", false, 30), FLIP)).isEqualTo(Verdict.DOWN);
        assertThat(d.evidence()).doesNotContainKeys("flapping", "verdictChanges");
        assertThat(d.observe(probe("eu", true, 40), FLIP)).isEqualTo(Verdict.UP);
    }

    @Test
    void verdict_changes_older_than_the_window_do_not_count() {
        // changes at 10, 20, 30 and 900; the UP at 910 still has the one at 10 in its window (900 s), the UP at 911 not
        long[][] table = {{910, 1}, {911, 0}};
        for (long[] row : table) {
            var d = new TargetDetector(FLAP);
            d.observe(probe("eu", false, 0), FLIP);
            d.observe(probe("eu", true, 10), FLIP);
            d.observe(probe("eu", false, 20), FLIP);
            d.observe(probe("eu", true, 30), FLIP);
            assertThat(d.observe(probe("eu", false, 900), FLIP)).isEqualTo(Verdict.DOWN);
            boolean flapping = row[1] == 1;
            assertThat(d.observe(probe("eu", true, row[0]), FLIP)).as("UP at %d", row[0])
                    .isEqualTo(flapping ? null : Verdict.UP);
        }
    }

    @Test
    void a_flapping_target_is_up_once_the_passing_quorum_has_held_for_the_hold_down() {
        var rule = new Detection(1, 2, null, 120, null, null, null, null);
        var d = new TargetDetector(FLAP);
        d.observe(probe("eu", false, 0), rule);
        d.observe(probe("eu", true, 10), rule);
        assertThat(d.observe(probe("eu", true, 11), rule)).isEqualTo(Verdict.UP);
        assertThat(d.observe(probe("eu", false, 20), rule)).isEqualTo(Verdict.DOWN);
        d.observe(probe("eu", true, 30), rule);
        assertThat(d.observe(probe("eu", true, 31), rule)).isEqualTo(Verdict.UP);
        assertThat(d.observe(probe("eu", false, 40), rule)).isEqualTo(Verdict.DOWN); // the fourth change
        assertThat(d.observe(probe("eu", true, 100), rule)).isNull();
        assertThat(d.observe(probe("eu", true, 110), rule)).isNull(); // the quorum (2 successes) holds from here
        assertThat(d.observe(probe("eu", true, 169), rule)).isNull(); // 69 s since the first success, 59 s of quorum
        assertThat(d.observe(probe("eu", true, 170), rule)).isEqualTo(Verdict.UP);
    }

    @Test
    void a_failure_during_the_hold_down_resets_it_and_down_stays_immediate() {
        var rule = new Detection(2, 1, null, 120, null, null, null, null);
        var d = new TargetDetector(FLAP);
        d.observe(probe("eu", false, 0), rule);
        assertThat(d.observe(probe("eu", false, 1), rule)).isEqualTo(Verdict.DOWN);
        assertThat(d.observe(probe("eu", true, 10), rule)).isEqualTo(Verdict.UP);
        d.observe(probe("eu", false, 20), rule);
        assertThat(d.observe(probe("eu", false, 21), rule)).isEqualTo(Verdict.DOWN);
        assertThat(d.observe(probe("eu", true, 30), rule)).isEqualTo(Verdict.UP);
        d.observe(probe("eu", false, 40), rule);
        assertThat(d.observe(probe("eu", false, 41), rule)).isEqualTo(Verdict.DOWN); // the fourth change
        assertThat(d.observe(probe("eu", true, 100), rule)).isNull(); // hold-down from 100
        assertThat(d.observe(probe("eu", false, 130), rule)).isNull(); // one failure: not DOWN, but no quorum either
        assertThat(d.observe(probe("eu", true, 140), rule)).isNull(); // hold-down from 140 again
        assertThat(d.observe(probe("eu", true, 160), rule)).isNull(); // 60 s after 100, not after 140
        assertThat(d.observe(probe("eu", true, 199), rule)).isNull();
        assertThat(d.observe(probe("eu", true, 200), rule)).isEqualTo(Verdict.UP);
        assertThat(d.observe(probe("eu", false, 210), rule)).isNull();
        assertThat(d.observe(probe("eu", false, 211), rule)).isEqualTo(Verdict.DOWN); // as without damping
    }

    @Test
    void a_target_that_is_not_flapping_is_up_after_the_recovery_threshold_as_before() {
        var d = new TargetDetector(FLAP);
        for (int round = 0; round < 2; round++) { // two outages: DOWN, UP, DOWN, UP (three changes)
            long t = round * 10L;
            assertThat(d.observe(probe("eu", false, t), RULE)).isNull();
            assertThat(d.observe(probe("eu", false, t + 1), RULE)).isNull();
            assertThat(d.observe(probe("eu", false, t + 2), RULE)).isEqualTo(Verdict.DOWN);
            assertThat(d.observe(probe("eu", true, t + 3), RULE)).isNull();
            assertThat(d.observe(probe("eu", true, t + 4), RULE)).isEqualTo(Verdict.UP);
        }
    }

    @Test
    void flap_changes_of_zero_turns_damping_off() {
        var d = new TargetDetector(new FlapDamping(0, Duration.ofMinutes(15), Duration.ofSeconds(60)));
        for (int i = 0; i < 10; i++) {
            assertThat(d.observe(probe("eu", false, i * 10L), FLIP)).isEqualTo(Verdict.DOWN);
            assertThat(d.observe(probe("eu", true, i * 10L + 5), FLIP)).isEqualTo(Verdict.UP);
        }
        assertThat(d.evidence()).doesNotContainKeys("flapping", "verdictChanges");
    }

    @Test
    void the_evidence_of_a_flapping_target_names_it_and_counts_its_verdict_changes_in_the_window() {
        var d = flapping(FLIP);
        d.observe(probe("eu", true, 50), FLIP);
        assertThat(d.observe(probe("eu", true, 110), FLIP)).isEqualTo(Verdict.UP);
        assertThat(d.observe(probe("eu", false, 120), FLIP)).isEqualTo(Verdict.DOWN);
        assertThat(d.evidence()).containsOnly(Map.entry("location.eu", "1 failures"), Map.entry("flapping", "true"),
                Map.entry("verdictChanges", "6"));
        d.observe(probe("eu", false, 1_015), FLIP); // only the change at 120 is still in the window
        assertThat(d.evidence()).containsOnly(Map.entry("location.eu", "2 failures"));
    }

    @Test
    void the_service_gives_each_target_its_flap_damping() {
        var svc = new DetectionService(FLAP);
        var spec = TargetSpecs.of("web-1").detection(FLIP).build();
        Verdict[] expected = {Verdict.DOWN, Verdict.UP, Verdict.DOWN, Verdict.UP, Verdict.DOWN, null};
        for (int i = 0; i < expected.length; i++) {
            assertThat(svc.observe(probe("eu", i % 2 == 1, i * 10L), spec)).as("probe %d", i).isEqualTo(expected[i]);
        }
        assertThat(svc.evidence("web-1")).containsEntry("flapping", "true").containsEntry("verdictChanges", "4");
    }

    @Test
    void a_targets_own_flap_changes_overrides_the_services() {
        var off = new Detection(1, 1, null, 120, null, null, null, 0);
        var d = new TargetDetector(FLAP);
        for (int i = 0; i < 6; i++) {
            assertThat(d.observe(probe("eu", false, i * 10L), off)).isEqualTo(Verdict.DOWN);
            assertThat(d.observe(probe("eu", true, i * 10L + 5), off)).isEqualTo(Verdict.UP);
        }
        assertThat(d.evidence()).doesNotContainKeys("flapping", "verdictChanges");

        var two = new Detection(1, 1, null, 120, null, null, null, 2);
        var e = new TargetDetector(FLAP);
        assertThat(e.observe(probe("eu", false, 100), two)).isEqualTo(Verdict.DOWN); // from UNKNOWN: not a change
        assertThat(e.observe(probe("eu", true, 110), two)).isEqualTo(Verdict.UP); // 1
        assertThat(e.observe(probe("eu", false, 120), two)).isEqualTo(Verdict.DOWN); // 2: flapping, for this target
        assertThat(e.evidence()).containsEntry("flapping", "true").containsEntry("verdictChanges", "2");
        assertThat(e.observe(probe("eu", true, 130), two)).isNull(); // held down for the service's 60 s
        assertThat(e.observe(probe("eu", true, 189), two)).isNull();
        assertThat(e.observe(probe("eu", true, 190), two)).isEqualTo(Verdict.UP);
    }
}
