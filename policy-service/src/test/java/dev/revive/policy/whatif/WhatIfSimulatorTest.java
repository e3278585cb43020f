package dev.revive.policy.whatif;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.revive.common.contract.ProbeResult;
import dev.revive.common.contract.ProbeResult.ErrorClass;
import dev.revive.common.contract.ProbeResult.Outcome;
import dev.revive.common.contract.Severity;
import dev.revive.common.contract.TargetSpec;
import dev.revive.common.contract.TargetSpec.Detection;
import dev.revive.common.contract.TargetSpec.LadderStep;
import dev.revive.common.contract.TargetSpec.Probe;
import dev.revive.common.contract.TargetSpec.ProbeKind;
import dev.revive.common.contract.TargetSpec.RecoveryPlan;
import dev.revive.policy.detection.ResultTrust;
import dev.revive.policy.detection.TargetDetector.FlapDamping;
import dev.revive.policy.whatif.WhatIfSimulator.Incident;
import dev.revive.policy.whatif.WhatIfSimulator.Recorded;
import dev.revive.policy.whatif.WhatIfSimulator.Step;

/** The replay over synthetic result lists: plain functions, no broker, no database. */
class WhatIfSimulatorTest {

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final String TARGET = "web-1";
    static final WhatIfSimulator.Settings SETTINGS = new WhatIfSimulator.Settings(FlapDamping.OFF,
            new ResultTrust(List.of("eu-west-1"), Duration.ofSeconds(30)), Duration.ofMinutes(10));

    /** Two exec steps, recovery after one success, verification 60 s, reset window 1 h. */
    static TargetSpec spec(int threshold, long grace, int budget) {
        return new TargetSpec(TARGET, "Web 1", List.of("prod"), new Probe(ProbeKind.HTTP, "https://example.com/", null, null,
                10_000L, null, null, null, null, null, null, null, null, null, null), List.of(),
                new Detection(threshold, 1, null, 120, null, null, null, null),
                new RecoveryPlan(grace, 60L, 3_600L, budget, List.of(new LadderStep("exec", Map.of("command", "restart-apache")),
                        new LadderStep("exec", Map.of("command", "restart-php-fpm")))),
                List.of(), null);
    }

    /** One result per character, 10 s apart from T0: 'u' up, 'd' down. */
    static List<Recorded> results(String pattern) {
        return results(pattern, "eu-west-1", 0);
    }

    static List<Recorded> results(String pattern, String location, long offsetSeconds) {
        List<Recorded> out = new ArrayList<>();
        for (int i = 0; i < pattern.length(); i++) {
            out.add(result(i, pattern.charAt(i) == 'u', location, T0.plusSeconds(offsetSeconds + 10L * i)));
        }
        return out;
    }

    static Recorded result(int seq, boolean up, String location, Instant at) {
        var r = new ProbeResult(location + "-" + seq + "-" + at, TARGET, location, "prober-1", seq, at, 12_000,
                up ? Outcome.UP : Outcome.DOWN, up ? ErrorClass.NONE : ErrorClass.CONNECTION_REFUSED, up ? 200 : null, null,
                "10.0.0.7:443", null, up ? "ok" : "connection refused");
        return new Recorded(r, at);
    }

    static List<Incident> replay(TargetSpec spec, List<Recorded> results, Instant until) {
        return WhatIfSimulator.replay(TARGET, spec, SETTINGS, results, until);
    }

    static Instant at(long seconds) {
        return T0.plusSeconds(seconds);
    }

    @Test
    void a_failure_threshold_of_three_opens_nothing_for_blips_that_a_threshold_of_one_opens_incidents_for() {
        List<Recorded> blips = results("uuuduuudduuuuduuuu");
        Instant end = at(3_600);

        List<Incident> strict = replay(spec(1, 300, 6), blips, end);
        List<Incident> tolerant = replay(spec(3, 300, 6), blips, end);

        assertThat(strict).hasSize(3);
        assertThat(strict).extracting(Incident::openedAt).containsExactly(at(30), at(70), at(130));
        assertThat(strict).allSatisfy(i -> {
            assertThat(i.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(i.steps()).isEmpty(); // back well within the 300 s grace
            assertThat(i.phase()).isEqualTo("RESOLVED");
            assertThat(i.outcome()).isEqualTo("target came back without an action");
            assertThat(i.reason()).isEqualTo("CONNECTION_REFUSED: connection refused");
        });
        assertThat(strict.get(1).resolvedAt()).isEqualTo(at(90));
        assertThat(tolerant).isEmpty();
    }

    @Test
    void the_grace_period_decides_when_each_step_would_have_started() {
        // Down for 10 minutes (from 10 s), then up.
        List<Recorded> outage = results("u" + "d".repeat(60) + "uu");
        Instant end = at(3_600);

        Incident shortGrace = replay(spec(1, 60, 6), outage, end).get(0);
        Incident longGrace = replay(spec(1, 240, 6), outage, end).get(0);

        assertThat(shortGrace.openedAt()).isEqualTo(at(10));
        // Step 1 when the grace ends; step 2 when step 1's verification window (60 s) closes on a target still down.
        assertThat(shortGrace.steps()).containsExactly(new Step(1, "exec", at(70)), new Step(2, "exec", at(130)));
        assertThat(longGrace.steps()).containsExactly(new Step(1, "exec", at(250)), new Step(2, "exec", at(310)));
        for (Incident i : List.of(shortGrace, longGrace)) {
            assertThat(i.resolvedAt()).isEqualTo(at(610)); // the first UP of the recording resolves the stopped ladder
            assertThat(i.timeline()).extracting(WhatIfSimulator.Line::text).anyMatch(t -> t.contains("exhausted"));
        }
    }

    @Test
    void a_target_that_comes_back_while_a_step_is_verified_is_resolved_by_that_step() {
        List<Recorded> outage = results("u" + "d".repeat(8) + "uu"); // down from 10 s to 90 s

        Incident i = replay(spec(1, 30, 6), outage, at(3_600)).get(0);

        assertThat(i.steps()).containsExactly(new Step(1, "exec", at(40)));
        assertThat(i.resolvedAt()).isEqualTo(at(90));
        assertThat(i.outcome()).isEqualTo("step 1 brought the target back");
    }

    @Test
    void timers_fire_after_the_last_result_only_until_the_end_of_the_replay() {
        List<Recorded> stillDown = results("udddd"); // the recording ends with the target down, at 40 s

        Incident cut = replay(spec(1, 60, 6), stillDown, at(60)).get(0);
        Incident later = replay(spec(1, 60, 6), stillDown, at(100)).get(0);

        assertThat(cut.steps()).isEmpty();
        assertThat(cut.phase()).isEqualTo("GRACE");
        assertThat(cut.resolvedAt()).isNull();
        assertThat(cut.outcome()).startsWith("still open");
        assertThat(later.steps()).containsExactly(new Step(1, "exec", at(70)));
        assertThat(later.phase()).isEqualTo("VERIFYING");
    }

    @Test
    void down_again_within_the_reset_window_climbs_to_the_next_step_and_the_budget_stops_the_ladder() {
        // Two outages, each long enough for step 1 (grace 0), the second 5 minutes after the first resolved.
        List<Recorded> two = new ArrayList<>(results("udddu"));
        two.addAll(results("udddu", "eu-west-1", 340));

        List<Incident> plenty = replay(spec(1, 0, 6), two, at(3_600));
        List<Incident> oneAction = replay(spec(1, 0, 1), two, at(3_600));

        assertThat(plenty).hasSize(2);
        assertThat(plenty.get(0).steps()).containsExactly(new Step(1, "exec", at(10)));
        assertThat(plenty.get(1).startStep()).isEqualTo(2);
        assertThat(plenty.get(1).steps()).containsExactly(new Step(2, "exec", at(350)));
        assertThat(oneAction.get(1).steps()).isEmpty();
        assertThat(oneAction.get(1).outcome()).isEqualTo("target came back without an action");
        assertThat(oneAction.get(1).timeline()).extracting(WhatIfSimulator.Line::text).anyMatch(t -> t.contains("budget"));
    }

    @Test
    void results_from_unknown_locations_and_duplicates_are_not_counted() {
        List<Recorded> forged = results("uddddddd", "mars-1", 0);
        List<Recorded> twice = new ArrayList<>(results("ud"));
        twice.add(twice.get(1)); // the same result id again: a threshold of 2 must not be met by it

        WhatIfSimulator sim = new WhatIfSimulator(TARGET, spec(1, 60, 6), SETTINGS);
        forged.forEach(sim::observe);
        WhatIfSimulator dup = new WhatIfSimulator(TARGET, spec(2, 60, 6), SETTINGS);
        twice.forEach(dup::observe);

        assertThat(sim.finish(at(3_600))).isEmpty();
        assertThat(sim.counts().refused()).isEqualTo(8);
        assertThat(dup.finish(at(3_600))).isEmpty();
        assertThat(dup.counts().duplicates()).isEqualTo(1);
        assertThat(dup.counts().observed()).isEqualTo(2);
    }
}
