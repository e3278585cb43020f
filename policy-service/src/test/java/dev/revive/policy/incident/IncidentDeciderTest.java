package dev.revive.policy.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.revive.common.contract.IncidentEvent;
import dev.revive.common.contract.IncidentEvent.Acknowledged;
import dev.revive.common.contract.IncidentEvent.Escalated;
import dev.revive.common.contract.IncidentEvent.HoldPlaced;
import dev.revive.common.contract.IncidentEvent.HoldReleased;
import dev.revive.common.contract.IncidentEvent.IncidentOpened;
import dev.revive.common.contract.IncidentEvent.IncidentResolved;
import dev.revive.common.contract.IncidentEvent.LadderExhausted;
import dev.revive.common.contract.IncidentEvent.NeedsHuman;
import dev.revive.common.contract.IncidentEvent.RecoveryStepFailed;
import dev.revive.common.contract.IncidentEvent.RecoveryStepStarted;
import dev.revive.common.contract.IncidentEvent.RecoveryStepSucceeded;
import dev.revive.common.contract.IncidentEvent.ReplacementAdopted;
import dev.revive.common.contract.IncidentEvent.VerificationFailed;
import dev.revive.common.contract.IncidentEvent.VerificationPassed;
import dev.revive.common.contract.RecoveryResult;
import dev.revive.common.contract.TargetSpec;
import dev.revive.common.contract.TargetSpec.LadderStep;
import dev.revive.common.contract.TargetSpec.Probe;
import dev.revive.common.contract.TargetSpec.ProbeKind;
import dev.revive.common.contract.TargetSpec.RecoveryPlan;
import dev.revive.policy.incident.IncidentCommand.Acknowledge;
import dev.revive.policy.incident.IncidentCommand.PlaceHold;
import dev.revive.policy.incident.IncidentCommand.ReleaseHold;
import dev.revive.policy.incident.IncidentCommand.ResultReceived;
import dev.revive.policy.incident.IncidentCommand.TargetDown;
import dev.revive.policy.incident.IncidentCommand.TargetUp;
import dev.revive.policy.incident.IncidentCommand.TimerFired;

/** Every path of the ladder, as plain functions: no broker, no database. */
class IncidentDeciderTest {

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final Duration TTL = Duration.ofMinutes(10);

    static TargetSpec spec(long grace, int budget, String... actions) {
        List<LadderStep> steps = new ArrayList<>();
        for (String a : actions) {
            steps.add(switch (a) {
                case "exec" -> new LadderStep("exec", Map.of("command", "restart-apache"));
                case "reboot" -> new LadderStep("aws-ec2-reboot", Map.of());
                default -> new LadderStep(a, Map.of());
            });
        }
        return new TargetSpec("web-1", "Web 1", List.of("prod"), new Probe(ProbeKind.HTTP, "https://example.com", null, null,
                null, null, null, null, null, null, null, null, null, null, null), List.of(), null,
                new RecoveryPlan(grace, 120L, 86_400L, budget, steps), List.of(),
                new TargetSpec.AwsInstance("i-0123456789abcdef0", "eu-west-1", "eu-central-1", null, "revive=web-1"));
    }

    static final TargetSpec THREE_STEPS = spec(300, 6, "exec", "dry-run", "reboot");

    /** Drives one incident through commands, keeping state and the whole history. */
    static final class Run {
        IncidentState state = IncidentState.empty("inc-1", "web-1");
        final List<IncidentEvent> history = new ArrayList<>();
        Decision last;
        TargetSpec spec = THREE_STEPS;
        Instant now = T0;
        boolean up;
        int actionsToday;
        boolean suspect;
        DecisionContext.Previous previous;
        boolean silenced;

        Decision send(IncidentCommand c) {
            last = IncidentDecider.decide(c, state, new DecisionContext(now, spec, up, actionsToday, suspect, previous, TTL, silenced));
            history.addAll(last.events());
            state = last.state();
            assertThat(state).isEqualTo(IncidentEvolver.fold(IncidentState.empty("inc-1", "web-1"), history));
            return last;
        }

        Run at(long secondsAfterT0) {
            now = T0.plusSeconds(secondsAfterT0);
            return this;
        }

        List<Class<?>> types() {
            return last.events().stream().<Class<?>>map(Object::getClass).toList();
        }

        RecoveryResult result(RecoveryResult.Status status, boolean nonRecoverable) {
            return new RecoveryResult(state.commandId(), "inc-1", "web-1", state.step(), "exec", status, nonRecoverable,
                    status == RecoveryResult.Status.SUCCEEDED ? null : "boom", "ok", null, null, now, now);
        }
    }

    static TargetDown down() {
        return new TargetDown(T0, "TIMEOUT", Map.of("address", "10.0.0.1:443"));
    }

    @Test
    void opens_and_waits_for_the_grace_period() {
        Run r = new Run();
        r.send(down());
        assertThat(r.types()).containsExactly(IncidentOpened.class);
        assertThat(r.last.commands()).isEmpty();
        assertThat(r.state.phase()).isEqualTo(Phase.GRACE);
        assertThat(r.state.address()).isEqualTo("10.0.0.1:443");
        assertThat(IncidentTimers.desired(r.state, r.spec, TTL))
                .isEqualTo(new IncidentTimers.Timer(TimerKind.GRACE, 1, T0.plusSeconds(300)));
    }

    @Test
    void acts_at_once_when_the_grace_period_is_zero() {
        Run r = new Run();
        r.spec = spec(0, 6, "exec");
        r.send(down());
        assertThat(r.types()).containsExactly(IncidentOpened.class, RecoveryStepStarted.class);
        var cmd = r.last.commands().get(0);
        assertThat(cmd.commandId()).isEqualTo("inc-1-step-1");
        assertThat(cmd.action()).isEqualTo("exec");
        assertThat(cmd.params()).containsEntry("command", "restart-apache");
        assertThat(cmd.expiresAt()).isEqualTo(T0.plus(TTL));
        assertThat(r.state.phase()).isEqualTo(Phase.RUNNING);
    }

    @Test
    void grace_timer_starts_step_one_with_params_resolved_from_the_aws_instance() {
        Run r = new Run();
        r.spec = spec(300, 6, "reboot");
        r.send(down());
        r.at(300).send(new TimerFired(TimerKind.GRACE, 1));
        assertThat(r.types()).containsExactly(RecoveryStepStarted.class);
        assertThat(r.last.commands().get(0).params()).containsEntry("instanceId", "i-0123456789abcdef0")
                .containsEntry("region", "eu-west-1");
        assertThat(IncidentTimers.desired(r.state, r.spec, TTL).kind()).isEqualTo(TimerKind.RESULT);
    }

    @ParameterizedTest(name = "recovers at step {0}")
    @ValueSource(ints = { 1, 2, 3 })
    void recovers_at_each_step_after_the_earlier_ones_fail_verification(int k) {
        Run r = new Run();
        r.send(down());
        r.at(300).send(new TimerFired(TimerKind.GRACE, 1));
        for (int step = 1; step < k; step++) {
            r.send(new ResultReceived(r.result(RecoveryResult.Status.SUCCEEDED, false)));
            assertThat(r.types()).containsExactly(RecoveryStepSucceeded.class);
            assertThat(IncidentTimers.desired(r.state, r.spec, TTL).kind()).isEqualTo(TimerKind.VERIFY);
            r.send(new TimerFired(TimerKind.VERIFY, step));
            assertThat(r.types()).containsExactly(VerificationFailed.class, Escalated.class, RecoveryStepStarted.class);
            assertThat(r.state.step()).isEqualTo(step + 1);
        }
        r.send(new ResultReceived(r.result(RecoveryResult.Status.SUCCEEDED, false)));
        r.at(400).send(new TargetUp(r.now));
        assertThat(r.types()).containsExactly(VerificationPassed.class, IncidentResolved.class);
        var resolved = (IncidentResolved) r.last.events().get(1);
        assertThat(resolved.downtimeSeconds()).isEqualTo(400);
        assertThat(r.state.phase()).isEqualTo(Phase.RESOLVED);
        assertThat(r.state.lastStepRun()).isEqualTo(k);
        assertThat(IncidentTimers.desired(r.state, r.spec, TTL)).isNull();
    }

    @Test
    void resolves_at_once_when_the_target_is_already_up_when_the_result_arrives() {
        Run r = new Run();
        r.spec = spec(0, 6, "exec");
        r.send(down());
        r.up = true;
        r.send(new ResultReceived(r.result(RecoveryResult.Status.SUCCEEDED, false)));
        assertThat(r.types()).containsExactly(RecoveryStepSucceeded.class, VerificationPassed.class, IncidentResolved.class);
    }

    @Test
    void exhausts_the_ladder_and_only_notifies_after_the_last_step_fails() {
        Run r = new Run();
        r.spec = spec(0, 6, "exec");
        r.send(down());
        r.send(new ResultReceived(r.result(RecoveryResult.Status.SUCCEEDED, false)));
        r.send(new TimerFired(TimerKind.VERIFY, 1));
        assertThat(r.types()).containsExactly(VerificationFailed.class, LadderExhausted.class);
        assertThat(r.last.commands()).isEmpty();
        assertThat(r.state.phase()).isEqualTo(Phase.STOPPED);
    }

    @Test
    void a_target_with_no_steps_is_notify_only() {
        Run r = new Run();
        r.spec = new TargetSpec("web-1", null, null, THREE_STEPS.probe(), null, null, new RecoveryPlan(0L, null, null, null, List.of()),
                null, null);
        r.send(down());
        assertThat(r.types()).containsExactly(IncidentOpened.class, LadderExhausted.class);
    }

    @Test
    void a_failed_step_escalates_to_the_next_step() {
        Run r = new Run();
        r.spec = spec(0, 6, "exec", "reboot");
        r.send(down());
        r.send(new ResultReceived(r.result(RecoveryResult.Status.FAILED, false)));
        assertThat(r.types()).containsExactly(RecoveryStepFailed.class, Escalated.class, RecoveryStepStarted.class);
        assertThat(r.last.commands().get(0).action()).isEqualTo("aws-ec2-reboot");
        assertThat(r.last.commands().get(0).commandId()).isEqualTo("inc-1-step-2");
    }

    @Test
    void a_non_recoverable_failure_needs_a_human_and_stops_the_ladder() {
        Run r = new Run();
        r.spec = spec(0, 6, "exec", "reboot");
        r.send(down());
        r.send(new ResultReceived(r.result(RecoveryResult.Status.FAILED, true)));
        assertThat(r.types()).containsExactly(RecoveryStepFailed.class, NeedsHuman.class);
        assertThat(r.last.commands()).isEmpty();
        assertThat(r.state.phase()).isEqualTo(Phase.STOPPED);
        r.send(new TimerFired(TimerKind.VERIFY, 1));
        assertThat(r.last.events()).isEmpty();
    }

    @Test
    void a_rejected_command_needs_a_human() {
        Run r = new Run();
        r.spec = spec(0, 6, "exec", "reboot");
        r.send(down());
        r.send(new ResultReceived(r.result(RecoveryResult.Status.REJECTED, false)));
        assertThat(r.types()).containsExactly(RecoveryStepFailed.class, NeedsHuman.class);
        assertThat(((RecoveryStepFailed) r.last.events().get(0)).nonRecoverable()).isTrue();
    }

    @Test
    void an_unknown_outcome_counts_as_done_and_is_verified_by_probing() {
        Run r = new Run();
        r.spec = spec(0, 6, "exec");
        r.send(down());
        r.send(new ResultReceived(r.result(RecoveryResult.Status.OUTCOME_UNKNOWN, false)));
        assertThat(r.types()).containsExactly(RecoveryStepSucceeded.class);
        assertThat(r.state.phase()).isEqualTo(Phase.VERIFYING);
    }

    @Test
    void a_command_without_a_result_before_it_expires_is_verified_by_probing() {
        Run r = new Run();
        r.spec = spec(0, 6, "exec");
        r.send(down());
        r.send(new TimerFired(TimerKind.RESULT, 1));
        assertThat(r.types()).containsExactly(RecoveryStepSucceeded.class);
        assertThat(r.state.phase()).isEqualTo(Phase.VERIFYING);
    }

    @Test
    void a_duplicate_result_changes_nothing() {
        Run r = new Run();
        r.spec = spec(0, 6, "exec");
        r.send(down());
        RecoveryResult ok = r.result(RecoveryResult.Status.SUCCEEDED, false);
        r.send(new ResultReceived(ok));
        r.send(new ResultReceived(ok));
        assertThat(r.last.events()).isEmpty();
    }

    @Test
    void a_result_for_another_command_changes_nothing() {
        Run r = new Run();
        r.spec = spec(0, 6, "exec");
        r.send(down());
        var other = new RecoveryResult("someone-else", "inc-1", "web-1", 1, "exec", RecoveryResult.Status.SUCCEEDED, false,
                null, null, null, null, T0, T0);
        r.send(new ResultReceived(other));
        assertThat(r.last.events()).isEmpty();
    }

    @Test
    void a_hold_stops_the_grace_timer_and_a_release_after_it_acts() {
        Run r = new Run();
        r.send(down());
        r.at(10).send(new PlaceHold("alice", "looking into it"));
        assertThat(r.types()).containsExactly(HoldPlaced.class);
        assertThat(IncidentTimers.desired(r.state, r.spec, TTL)).isNull();
        r.at(300).send(new TimerFired(TimerKind.GRACE, 1));
        assertThat(r.last.events()).isEmpty();
        r.at(600).send(new ReleaseHold("alice"));
        assertThat(r.types()).containsExactly(HoldReleased.class, RecoveryStepStarted.class);
    }

    @Test
    void a_release_before_the_grace_period_ends_leaves_the_timer_to_act() {
        Run r = new Run();
        r.send(down());
        r.at(10).send(new PlaceHold("alice", null));
        r.at(20).send(new ReleaseHold("alice"));
        assertThat(r.types()).containsExactly(HoldReleased.class);
        assertThat(IncidentTimers.desired(r.state, r.spec, TTL).kind()).isEqualTo(TimerKind.GRACE);
    }

    @Test
    void a_hold_pauses_escalation_until_released() {
        Run r = new Run();
        r.spec = spec(0, 6, "exec", "reboot");
        r.send(down());
        r.send(new PlaceHold("bob", null));
        r.send(new ResultReceived(r.result(RecoveryResult.Status.SUCCEEDED, false)));
        r.send(new TimerFired(TimerKind.VERIFY, 1));
        assertThat(r.types()).containsExactly(VerificationFailed.class, Escalated.class);
        assertThat(r.last.commands()).isEmpty();
        assertThat(r.state.phase()).isEqualTo(Phase.PENDING);
        r.send(new ReleaseHold("bob"));
        assertThat(r.types()).containsExactly(HoldReleased.class, RecoveryStepStarted.class);
    }

    @Test
    void going_down_again_within_the_reset_window_continues_the_ladder() {
        Run r = new Run();
        r.previous = new DecisionContext.Previous("inc-0", T0.minus(Duration.ofHours(1)), 1);
        r.send(down());
        assertThat(((IncidentOpened) r.last.events().get(0)).startStep()).isEqualTo(2);
        r.at(300).send(new TimerFired(TimerKind.GRACE, 2));
        assertThat(r.last.commands().get(0).step()).isEqualTo(2);
        assertThat(r.last.commands().get(0).action()).isEqualTo("dry-run");
    }

    @Test
    void going_down_after_the_reset_window_starts_again_at_step_one() {
        Run r = new Run();
        r.previous = new DecisionContext.Previous("inc-0", T0.minus(Duration.ofDays(2)), 2);
        r.send(down());
        assertThat(((IncidentOpened) r.last.events().get(0)).startStep()).isEqualTo(1);
    }

    static TargetSpec withResetWindow(TargetSpec s, long seconds) {
        RecoveryPlan p = s.recovery();
        return new TargetSpec(s.id(), s.name(), s.tags(), s.probe(), s.locations(), s.detection(),
                new RecoveryPlan(p.graceSeconds(), p.verifySeconds(), seconds, p.actionBudgetPerDay(), p.steps()),
                s.notifications(), s.aws());
    }

    /** The drill's anomaly: a window of 0 continued the ladder when the target went down within a second. */
    @ParameterizedTest
    @ValueSource(longs = {0, 1, 900})
    void a_reset_window_of_zero_never_continues_the_ladder(long millisSinceResolved) {
        Run r = new Run();
        r.spec = withResetWindow(THREE_STEPS, 0);
        r.previous = new DecisionContext.Previous("inc-0", T0.minusMillis(millisSinceResolved), 1);
        r.send(down());
        assertThat(((IncidentOpened) r.last.events().get(0)).startStep()).isEqualTo(1);
        assertThat(r.last.events().get(0).toString()).doesNotContain("inc-0");
    }

    @Test
    void the_reset_window_ends_at_its_length_not_at_the_next_whole_second() {
        Run r = new Run();
        r.spec = withResetWindow(THREE_STEPS, 60);
        r.previous = new DecisionContext.Previous("inc-0", T0.minusMillis(60_500), 1);
        r.send(down());
        assertThat(((IncidentOpened) r.last.events().get(0)).startStep()).isEqualTo(1);

        Run within = new Run();
        within.spec = withResetWindow(THREE_STEPS, 60);
        within.previous = new DecisionContext.Previous("inc-0", T0.minusMillis(59_500), 1);
        within.send(down());
        assertThat(((IncidentOpened) within.last.events().get(0)).startStep()).isEqualTo(2);
    }

    RecoveryResult reprovisioned(Run r, String originalAddress) {
        return new RecoveryResult(r.state.commandId(), "inc-1", "web-1", r.state.step(), "aws-reprovision",
                RecoveryResult.Status.SUCCEEDED, false, null, "re-provisioned", "i-0fedcba9876543210", "198.51.100.7",
                r.now, r.now, "i-0123456789abcdef0", originalAddress);
    }

    @Test
    void a_reprovision_records_the_original_instance_and_tells_once_when_it_answers_again() {
        Run r = new Run();
        r.spec = spec(0, 6, "aws-reprovision");
        r.send(down());
        r.up = true;
        r.at(60).send(new ResultReceived(reprovisioned(r, "10.0.1.5")));
        assertThat(r.types()).containsExactly(RecoveryStepSucceeded.class, ReplacementAdopted.class, VerificationPassed.class,
                IncidentResolved.class);
        var done = (RecoveryStepSucceeded) r.last.events().get(0);
        assertThat(done.originalInstanceId()).isEqualTo("i-0123456789abcdef0");
        assertThat(done.originalAddress()).isEqualTo("10.0.1.5");
        assertThat(r.state.address()).isEqualTo("10.0.1.5");
        assertThat(Timeline.describe(done)).contains("watching the original i-0123456789abcdef0 at 10.0.1.5");

        r.at(600).send(new IncidentCommand.OriginalAnswered(r.now, "10.0.1.5"));
        assertThat(r.last.events()).containsExactly(
                new IncidentEvent.OriginalInstanceBack("inc-1", "web-1", T0.plusSeconds(600), "10.0.1.5"));
        assertThat(r.state.originalBack()).isTrue();
        assertThat(r.state.phase()).isEqualTo(Phase.RESOLVED);

        r.at(601).send(new IncidentCommand.OriginalAnswered(r.now, "10.0.1.5"));
        assertThat(r.last.events()).isEmpty();
    }

    @Test
    void the_original_answering_means_nothing_when_no_step_reprovisioned() {
        Run r = new Run();
        r.spec = spec(0, 6, "exec");
        r.send(down());
        r.up = true;
        r.at(10).send(new ResultReceived(r.result(RecoveryResult.Status.SUCCEEDED, false)));
        assertThat(r.state.phase()).isEqualTo(Phase.RESOLVED);
        r.at(20).send(new IncidentCommand.OriginalAnswered(r.now, "10.0.0.1"));
        assertThat(r.last.events()).isEmpty();
    }

    @Test
    void a_spent_action_budget_needs_a_human_instead_of_acting() {
        Run r = new Run();
        r.spec = spec(0, 2, "exec");
        r.actionsToday = 2;
        r.send(down());
        assertThat(r.types()).containsExactly(IncidentOpened.class, NeedsHuman.class);
        assertThat(r.last.commands()).isEmpty();
    }

    @Test
    void the_blast_radius_guard_holds_actions() {
        Run r = new Run();
        r.spec = spec(0, 6, "exec");
        r.suspect = true;
        r.send(down());
        assertThat(r.types()).containsExactly(IncidentOpened.class, HoldPlaced.class);
        assertThat(((HoldPlaced) r.last.events().get(1)).by()).isEqualTo(IncidentDecider.BLAST_RADIUS_GUARD);
        assertThat(r.last.commands()).isEmpty();
        r.suspect = false;
        r.send(new ReleaseHold("alice"));
        assertThat(r.types()).containsExactly(HoldReleased.class, RecoveryStepStarted.class);
    }

    @Test
    void a_target_back_up_during_grace_resolves_without_acting() {
        Run r = new Run();
        r.send(down());
        r.at(60).send(new TargetUp(r.now));
        assertThat(r.types()).containsExactly(IncidentResolved.class);
        assertThat(r.state.lastStepRun()).isZero();
        r.at(300).send(new TimerFired(TimerKind.GRACE, 1));
        assertThat(r.last.events()).isEmpty();
    }

    @Test
    void an_up_from_a_probe_that_started_before_the_incident_opened_changes_nothing() {
        // After a kill -9 the policy re-reads uncommitted health records: an UP from before the break must not resolve.
        Run r = new Run();
        r.send(down());
        Instant opened = r.state.openedAt();
        r.at(20).send(new TargetUp(r.now, opened.minusSeconds(2)));
        assertThat(r.last.events()).isEmpty();
        assertThat(r.state.phase()).isEqualTo(Phase.GRACE);
        r.at(30).send(new TargetUp(r.now, opened.plusSeconds(29)));
        assertThat(r.types()).containsExactly(IncidentResolved.class);
    }

    @Test
    void a_second_down_on_an_open_incident_changes_nothing() {
        Run r = new Run();
        r.send(down());
        r.send(down());
        assertThat(r.last.events()).isEmpty();
    }

    @Test
    void acknowledges_once() {
        Run r = new Run();
        r.send(down());
        r.send(new Acknowledge("alice"));
        assertThat(r.types()).containsExactly(Acknowledged.class);
        r.send(new Acknowledge("bob"));
        assertThat(r.last.events()).isEmpty();
        assertThat(r.state.ackedBy()).isEqualTo("alice");
    }

    @Test
    void a_manual_resolve_closes_the_incident() {
        Run r = new Run();
        r.send(down());
        r.send(new IncidentCommand.Resolve("alice", "fixed by hand"));
        assertThat(r.types()).containsExactly(IncidentResolved.class);
        assertThat(r.state.open()).isFalse();
    }
    static IncidentCommand.WarningRaised tooManyConnections() {
        return new IncidentCommand.WarningRaised(T0, "established-connections", "900 ESTABLISHED connections (maximum 500)",
                Map.of("established", "900"));
    }

    @Test
    void a_metric_warning_opens_a_warning_incident_that_never_acts() {
        Run r = new Run();
        r.spec = spec(0, 6, "exec");
        r.send(tooManyConnections());
        assertThat(r.types()).containsExactly(IncidentOpened.class);
        var opened = (IncidentOpened) r.last.events().get(0);
        assertThat(opened.severity()).isEqualTo(dev.revive.common.contract.Severity.WARNING);
        assertThat(opened.evidence()).containsEntry("rule", "established-connections");
        assertThat(r.last.commands()).isEmpty();
        assertThat(r.state.phase()).isEqualTo(Phase.STOPPED);
        assertThat(r.state.rule()).isEqualTo("established-connections");
        assertThat(IncidentTimers.desired(r.state, r.spec, TTL)).isNull();
    }

    @Test
    void a_warning_raised_again_while_open_changes_nothing() {
        Run r = new Run();
        r.send(tooManyConnections());
        r.at(60).send(tooManyConnections());
        assertThat(r.last.isEmpty()).isTrue();
    }

    @Test
    void a_warning_is_resolved_when_its_condition_clears() {
        Run r = new Run();
        r.send(tooManyConnections());
        r.at(120).send(new IncidentCommand.WarningCleared(T0.plusSeconds(120), "back under the maximum"));
        assertThat(r.types()).containsExactly(IncidentResolved.class);
        assertThat(((IncidentResolved) r.last.events().get(0)).downtimeSeconds()).isEqualTo(120);
    }

    @Test
    void a_warning_is_not_resolved_by_the_target_answering() {
        Run r = new Run();
        r.send(tooManyConnections());
        r.up = true;
        r.at(30).send(new TargetUp(T0.plusSeconds(30)));
        assertThat(r.last.isEmpty()).isTrue();
        assertThat(r.state.open()).isTrue();
    }

    @Test
    void a_target_down_under_a_silence_is_recorded_and_held_without_acting() {
        Run r = new Run();
        r.spec = spec(0, 6, "exec");
        r.silenced = true;
        r.send(down());
        assertThat(r.types()).containsExactly(IncidentOpened.class, HoldPlaced.class);
        assertThat(((HoldPlaced) r.last.events().get(1)).by()).isEqualTo(IncidentDecider.SILENCE);
        assertThat(r.last.commands()).isEmpty();
        assertThat(r.state.heldBy()).isEqualTo(IncidentDecider.SILENCE);
    }

    @Test
    void a_silence_starting_during_grace_holds_the_ladder() {
        Run r = new Run();
        r.send(down());
        r.at(10).send(new IncidentCommand.SilenceStarted("silence s-1: patching"));
        assertThat(r.types()).containsExactly(HoldPlaced.class);
        r.at(300).send(new TimerFired(TimerKind.GRACE, 1));
        assertThat(r.last.isEmpty()).isTrue();
    }

    @Test
    void the_end_of_a_silence_releases_its_hold_and_acts_once_grace_is_over() {
        Run r = new Run();
        r.spec = spec(0, 6, "exec");
        r.silenced = true;
        r.send(down());
        r.silenced = false;
        r.at(600).send(new IncidentCommand.SilenceEnded());
        assertThat(r.types()).containsExactly(HoldReleased.class, RecoveryStepStarted.class);
        assertThat(r.last.commands()).hasSize(1);
    }

    @Test
    void the_end_of_a_silence_leaves_an_operators_hold_in_place() {
        Run r = new Run();
        r.send(down());
        r.at(10).send(new PlaceHold("operator:abc", "investigating"));
        r.at(20).send(new IncidentCommand.SilenceEnded());
        assertThat(r.last.isEmpty()).isTrue();
        assertThat(r.state.held()).isTrue();
    }

    static final String ORIGINAL = "i-0123456789abcdef0";
    static final String REPLACEMENT = "i-0fedcba9876543210";

    RecoveryResult reprovisionedIn(Run r, String action, String region) {
        return new RecoveryResult(r.state.commandId(), "inc-1", "web-1", r.state.step(), action,
                RecoveryResult.Status.SUCCEEDED, false, null, "re-provisioned", REPLACEMENT, "198.51.100.7",
                r.now, r.now, ORIGINAL, "10.0.1.5", region);
    }

    /** Step 1 reboots and fails, step 2 re-provisions: the run waits for step 2's result. */
    Run atTheReprovision(String... ladder) {
        Run r = new Run();
        r.spec = spec(0, 6, ladder);
        r.send(down());
        r.at(10).send(new ResultReceived(r.result(RecoveryResult.Status.FAILED, false)));
        assertThat(r.last.commands()).hasSize(1);
        return r;
    }

    @Test
    void a_reprovision_makes_the_target_name_the_new_instance_and_the_next_incident_reboots_it() {
        Run r = atTheReprovision("reboot", "aws-reprovision");
        r.up = true;
        r.at(60).send(new ResultReceived(reprovisionedIn(r, "aws-reprovision", "eu-west-1")));

        assertThat(r.types()).containsExactly(RecoveryStepSucceeded.class, ReplacementAdopted.class,
                VerificationPassed.class, IncidentResolved.class);
        var adopted = (ReplacementAdopted) r.last.events().get(1);
        assertThat(adopted).isEqualTo(new ReplacementAdopted("inc-1", "web-1", T0.plusSeconds(60), 2, "inc-1-step-2",
                ORIGINAL, REPLACEMENT, null, null, null, null, null));
        assertThat(Timeline.describe(adopted)).startsWith("replacement adopted: " + ORIGINAL + " → " + REPLACEMENT);
        assertThat(r.last.targets()).hasSize(1);
        TargetSpec after = r.last.targets().get(0).after();
        assertThat(r.last.targets().get(0).before()).isEqualTo(r.spec);
        assertThat(after.aws()).isEqualTo(new TargetSpec.AwsInstance(REPLACEMENT, "eu-west-1", "eu-central-1", null, "revive=web-1"));
        assertThat(after.probe()).isEqualTo(r.spec.probe()); // probed by name: unchanged

        Run next = new Run();
        next.spec = after;
        next.send(down());
        assertThat(next.last.commands()).singleElement().satisfies(c -> {
            assertThat(c.action()).isEqualTo("aws-ec2-reboot");
            assertThat(c.params()).containsEntry("instanceId", REPLACEMENT).containsEntry("region", "eu-west-1");
        });
    }

    @Test
    void a_reprovision_result_delivered_again_adopts_nothing_twice() {
        Run r = atTheReprovision("reboot", "aws-reprovision");
        RecoveryResult result = reprovisionedIn(r, "aws-reprovision", "eu-west-1");
        r.at(60).send(new ResultReceived(result));
        assertThat(r.last.targets()).hasSize(1);
        assertThat(r.state.adoptedBy()).isEqualTo("inc-1-step-2");

        r.at(61).send(new ResultReceived(result)); // the registry still holds the old spec: only the stream knows
        assertThat(r.last.isEmpty()).isTrue();
        assertThat(r.last.targets()).isEmpty();

    }

    @Test
    void a_reprovision_result_later_than_its_command_is_still_adopted_once() {
        Run r = atTheReprovision("reboot", "aws-reprovision");
        r.at(700).send(new TimerFired(TimerKind.RESULT, 2)); // no result before the command expired
        r.up = true;
        r.at(701).send(new TargetUp(r.now));
        assertThat(r.state.phase()).isEqualTo(Phase.RESOLVED);

        RecoveryResult late = reprovisionedIn(r, "aws-reprovision", "eu-west-1");
        r.at(900).send(new ResultReceived(late));
        assertThat(r.types()).containsExactly(ReplacementAdopted.class);
        assertThat(r.last.targets()).singleElement().satisfies(t -> assertThat(t.after().aws().instanceId()).isEqualTo(REPLACEMENT));
        assertThat(r.state.phase()).isEqualTo(Phase.RESOLVED);

        r.at(901).send(new ResultReceived(late));
        assertThat(r.last.isEmpty()).isTrue();
    }

    @Test
    void a_dr_reprovision_moves_the_target_to_the_dr_region_and_drops_its_elastic_ip() {
        Run r = atTheReprovision("reboot", "aws-reprovision-dr");
        TargetSpec s = r.spec;
        r.spec = new TargetSpec(s.id(), s.name(), s.tags(), s.probe(), s.locations(), s.detection(), s.recovery(),
                s.notifications(), new TargetSpec.AwsInstance(ORIGINAL, "eu-west-1", "eu-central-1",
                        "eipalloc-0123456789abcdef0", "revive=web-1"));
        r.at(60).send(new ResultReceived(reprovisionedIn(r, "aws-reprovision-dr", "eu-central-1")));

        var adopted = (ReplacementAdopted) r.last.events().get(1);
        assertThat(adopted.replacedRegion()).isEqualTo("eu-west-1");
        assertThat(adopted.region()).isEqualTo("eu-central-1");
        assertThat(adopted.droppedElasticIp()).isEqualTo("eipalloc-0123456789abcdef0");
        assertThat(Timeline.describe(adopted)).contains("in eu-central-1 (was eu-west-1)", "eipalloc-0123456789abcdef0");
        assertThat(r.last.targets().get(0).after().aws())
                .isEqualTo(new TargetSpec.AwsInstance(REPLACEMENT, "eu-central-1", "eu-central-1", null, "revive=web-1"));
    }

    @Test
    void only_a_reprovision_that_succeeded_is_adopted() {
        Run unknown = atTheReprovision("reboot", "aws-reprovision");
        RecoveryResult ok = reprovisionedIn(unknown, "aws-reprovision", "eu-west-1");
        unknown.at(60).send(new ResultReceived(new RecoveryResult(ok.commandId(), ok.incidentId(), ok.targetId(), ok.step(),
                ok.action(), RecoveryResult.Status.OUTCOME_UNKNOWN, false, "outcome unknown", null, null, null, ok.startedAt(),
                ok.finishedAt())));
        assertThat(unknown.types()).containsExactly(RecoveryStepSucceeded.class);
        assertThat(unknown.last.targets()).isEmpty();

        Run reboot = new Run();
        reboot.spec = spec(0, 6, "reboot");
        reboot.send(down());
        RecoveryResult claims = reprovisionedIn(reboot, "aws-ec2-reboot", "eu-west-1"); // a reboot replaces nothing
        reboot.at(10).send(new ResultReceived(claims));
        assertThat(reboot.types()).containsExactly(RecoveryStepSucceeded.class);
        assertThat(reboot.last.targets()).isEmpty();
    }
}
