package dev.revive.policy.drill;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.revive.common.contract.IncidentEvent;
import dev.revive.common.contract.IncidentEvent.AdminNotified;
import dev.revive.common.contract.IncidentEvent.IncidentOpened;
import dev.revive.common.contract.IncidentEvent.IncidentResolved;
import dev.revive.common.contract.IncidentEvent.NeedsHuman;
import dev.revive.common.contract.IncidentEvent.RecoveryStepStarted;
import dev.revive.common.contract.IncidentEvent.RecoveryStepSucceeded;
import dev.revive.common.contract.IncidentEvent.VerificationPassed;
import dev.revive.common.contract.Severity;
import dev.revive.policy.drill.Drill.Mode;
import dev.revive.policy.drill.Drill.State;

/** Where a drill stands, from its incident's events: plain functions. */
class DrillJudgeTest {

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    static Drill drill(Mode mode) {
        return new Drill("d1", "web-1", mode, State.RUNNING, T0, T0.plusSeconds(300), null, null, null, null, null, null, "op");
    }

    static Instant at(long millis) {
        return T0.plusMillis(millis);
    }

    static List<IncidentEvent> loop(boolean verified) {
        var events = new java.util.ArrayList<IncidentEvent>(List.of(
                new IncidentOpened("i", "web-1", at(2_000), Severity.CRITICAL, "DRILL", Map.of(), 1),
                new RecoveryStepStarted("i", "web-1", at(2_000), 1, "exec", "i-step-1"),
                new AdminNotified("i", "web-1", at(2_400), "i-1", null),
                new RecoveryStepSucceeded("i", "web-1", at(3_100), 1, "i-step-1", "restarted", null, null)));
        if (verified) {
            events.add(new VerificationPassed("i", "web-1", at(4_000), 1));
        }
        events.add(new IncidentResolved("i", "web-1", at(4_000), verified ? "step 1 brought the target back" : "resolved by bob", 2));
        return events;
    }

    @Test
    void a_verified_and_resolved_incident_closes_the_loop_with_every_stage_timed_from_the_start() {
        var r = DrillJudge.judge(drill(Mode.FAIL_PROBES), loop(true), at(5_000));

        assertThat(r.state()).isEqualTo(State.CLOSED);
        assertThat(r.endedAt()).isEqualTo(at(4_000));
        assertThat(r.outcome()).contains("4000 ms");
        assertThat(r.faultActive()).isFalse();
        assertThat(r.stages()).extracting(DrillJudge.Stage::name).containsExactly("incidentOpened", "stepStarted",
                "adminNotified", "stepResult", "verificationPassed", "incidentResolved");
        assertThat(r.stages()).extracting(DrillJudge.Stage::sinceStartMillis).containsExactly(2_000L, 2_000L, 2_400L, 3_100L,
                4_000L, 4_000L);
    }

    @Test
    void the_fail_probes_fault_holds_until_the_first_step_returns() {
        var opened = List.<IncidentEvent>of(new IncidentOpened("i", "web-1", at(2_000), Severity.CRITICAL, "DRILL", Map.of(), 1),
                new RecoveryStepStarted("i", "web-1", at(2_000), 1, "exec", "i-step-1"));
        assertThat(DrillJudge.judge(drill(Mode.FAIL_PROBES), List.of(), at(1_000)).faultActive()).isTrue();
        assertThat(DrillJudge.judge(drill(Mode.FAIL_PROBES), opened, at(2_500)).faultActive()).isTrue();
        assertThat(DrillJudge.judge(drill(Mode.FAIL_PROBES), loop(true).subList(0, 4), at(3_500)).faultActive()).isFalse();
        assertThat(DrillJudge.judge(drill(Mode.STOP_TARGET), opened, at(2_500)).faultActive()).isFalse();
    }

    @Test
    void resolved_by_hand_or_stopped_for_a_human_is_not_closed() {
        var manual = DrillJudge.judge(drill(Mode.FAIL_PROBES), loop(false), at(5_000));
        assertThat(manual.state()).isEqualTo(State.NOT_CLOSED);
        assertThat(manual.outcome()).contains("without a verified step");

        var human = DrillJudge.judge(drill(Mode.STOP_TARGET), List.of(
                new IncidentOpened("i", "web-1", at(2_000), Severity.CRITICAL, "down", Map.of(), 1),
                new NeedsHuman("i", "web-1", at(2_000), "action budget of 6 per day is spent")), at(2_100));
        assertThat(human.state()).isEqualTo(State.NOT_CLOSED);
        assertThat(human.outcome()).contains("budget");
    }

    @Test
    void nothing_by_the_deadline_is_not_closed_and_a_later_resolution_does_not_count() {
        var none = DrillJudge.judge(drill(Mode.FAIL_PROBES), List.of(), T0.plusSeconds(300));
        assertThat(none.state()).isEqualTo(State.NOT_CLOSED);
        assertThat(none.outcome()).contains("300 s").contains("no incident");
        assertThat(none.faultActive()).isFalse();

        Drill short1 = new Drill("d1", "web-1", Mode.FAIL_PROBES, State.RUNNING, T0, T0.plusSeconds(3), null, null, null, null,
                null, null, "op");
        assertThat(DrillJudge.judge(short1, loop(true), at(5_000)).state()).isEqualTo(State.NOT_CLOSED);
        assertThat(DrillJudge.judge(short1, loop(true).subList(0, 2), at(2_500)).state()).isEqualTo(State.RUNNING);
    }

    @Test
    void an_ended_drill_keeps_the_stages_up_to_its_end_stored_at_microseconds() {
        Instant resolvedAt = at(4_000).plusNanos(123_456); // an event's clock has nanoseconds, PostgreSQL keeps micros
        var events = new java.util.ArrayList<>(loop(true).subList(0, 4));
        events.add(new VerificationPassed("i", "web-1", resolvedAt, 1));
        events.add(new IncidentResolved("i", "web-1", resolvedAt, "step 1 brought the target back", 4));
        Drill closed = new Drill("d1", "web-1", Mode.FAIL_PROBES, State.CLOSED, T0, T0.plusSeconds(300), "i", null, null, null,
                resolvedAt.truncatedTo(java.time.temporal.ChronoUnit.MICROS), "closed", "op");
        assertThat(DrillJudge.judge(closed, events, at(9_000)).stages()).extracting(DrillJudge.Stage::name)
                .contains("verificationPassed", "incidentResolved");
    }

    @Test
    void a_failed_stop_command_ends_the_drill_and_an_ended_drill_reports_only_what_it_saw() {
        Drill stopFailed = new Drill("d1", "web-1", Mode.STOP_TARGET, State.RUNNING, T0, T0.plusSeconds(300), null, "drill-d1-stop",
                "REJECTED", "exec command 'stop-demo' is not configured here", null, null, "op");
        var r = DrillJudge.judge(stopFailed, List.of(), at(1_000));
        assertThat(r.state()).isEqualTo(State.NOT_CLOSED);
        assertThat(r.outcome()).contains("REJECTED").contains("not configured");

        Drill ended = new Drill("d1", "web-1", Mode.FAIL_PROBES, State.NOT_CLOSED, T0, T0.plusSeconds(3), "i", null, null, null,
                T0.plusSeconds(3), "the loop did not close within 3 s", "op");
        var later = DrillJudge.judge(ended, loop(true), at(9_000));
        assertThat(later.state()).isEqualTo(State.NOT_CLOSED);
        assertThat(later.stages()).extracting(DrillJudge.Stage::name).containsExactly("incidentOpened", "stepStarted", "adminNotified");
    }
}
