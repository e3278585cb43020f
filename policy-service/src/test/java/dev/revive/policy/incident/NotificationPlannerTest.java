package dev.revive.policy.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.revive.common.contract.Channel;
import dev.revive.common.contract.IncidentEvent;
import dev.revive.common.contract.NotificationRequest.Kind;
import dev.revive.common.contract.NotificationRequest.Recipient;
import dev.revive.common.contract.Severity;
import dev.revive.common.contract.TargetSpec;
import dev.revive.common.contract.TargetSpec.NotificationRoute;

class NotificationPlannerTest {

    final NotificationPlanner planner = new NotificationPlanner(List.of(new Recipient(Channel.EMAIL, "ops@example.com")),
            id -> Map.of("hold", "https://revive/links/h-" + id, "ack", "https://revive/links/a-" + id));

    @Test
    void the_opening_notice_carries_links_the_scheduled_action_time_and_the_default_recipients() {
        var spec = IncidentDeciderTest.THREE_STEPS;
        var opened = new IncidentEvent.IncidentOpened("inc-1", "web-1", IncidentDeciderTest.T0, Severity.CRITICAL, "TIMEOUT",
                Map.of(), 1);
        var state = IncidentEvolver.evolve(IncidentState.empty("inc-1", "web-1"), opened);
        var out = planner.plan(spec, List.of(), List.of(opened), 1, state);
        assertThat(out).hasSize(1);
        var n = out.get(0);
        assertThat(n.kind()).isEqualTo(Kind.OPENED);
        assertThat(n.notificationId()).isEqualTo("inc-1-1");
        assertThat(n.links()).containsKeys("hold", "ack");
        assertThat(n.scheduledAt()).isEqualTo(IncidentDeciderTest.T0.plusSeconds(300));
        assertThat(n.action()).isEqualTo("exec");
        assertThat(n.recipients()).containsExactly(new Recipient(Channel.EMAIL, "ops@example.com"));
    }

    @Test
    void with_no_grace_the_opening_is_told_once_by_the_started_step_without_a_hold_promise() {
        // Grace 0: the decision that opens the incident also starts step 1. An OPENED notice would say "restart planned
        // at .. unless you hold it" and could reach people after the step's own notice.
        var spec = IncidentDeciderTest.THREE_STEPS;
        var opened = new IncidentEvent.IncidentOpened("inc-1", "web-1", IncidentDeciderTest.T0, Severity.CRITICAL, "TIMEOUT",
                Map.of("address", "10.0.0.7:443"), 1);
        var started = new IncidentEvent.RecoveryStepStarted("inc-1", "web-1", IncidentDeciderTest.T0, 1, "exec", "inc-1-step-1");
        var state = IncidentEvolver.fold(IncidentState.empty("inc-1", "web-1"), List.of(opened, started));
        var out = planner.plan(spec, List.of(), List.of(opened, started), 1, state);
        assertThat(out).hasSize(1);
        var n = out.get(0);
        assertThat(n.kind()).isEqualTo(Kind.STEP_STARTED);
        assertThat(n.notificationId()).isEqualTo("inc-1-2");
        assertThat(n.scheduledAt()).isNull();
        assertThat(n.summary()).contains("is down (TIMEOUT)").contains("step 1 (exec) is starting now").doesNotContain("hold");
        assertThat(n.facts()).containsEntry("reason", "TIMEOUT").containsEntry("address", "10.0.0.7:443")
                .containsEntry("commandId", "inc-1-step-1");
        assertThat(n.links()).containsKeys("hold", "ack");
        assertThat(n.timeline()).hasSize(2);
    }

    @Test
    void with_a_grace_period_opening_and_step_are_told_apart() {
        var spec = IncidentDeciderTest.THREE_STEPS;
        var opened = new IncidentEvent.IncidentOpened("inc-1", "web-1", IncidentDeciderTest.T0, Severity.CRITICAL, "TIMEOUT",
                Map.of(), 1);
        var state = IncidentEvolver.evolve(IncidentState.empty("inc-1", "web-1"), opened);
        assertThat(planner.plan(spec, List.of(), List.of(opened), 1, state)).extracting(n -> n.kind()).containsExactly(Kind.OPENED);
        var started = new IncidentEvent.RecoveryStepStarted("inc-1", "web-1", IncidentDeciderTest.T0.plusSeconds(300), 1, "exec",
                "inc-1-step-1");
        var later = planner.plan(spec, List.of(opened), List.of(started), 2, IncidentEvolver.evolve(state, started));
        assertThat(later).extracting(n -> n.kind()).containsExactly(Kind.STEP_STARTED);
        assertThat(later.get(0).summary()).doesNotContain("is down");
    }

    @Test
    void routes_below_the_notice_severity_are_left_out() {
        var spec = new TargetSpec("web-1", null, null, null, null, null, null, List.of(
                new NotificationRoute(Channel.SLACK, "https://hooks.example.com/x", Severity.CRITICAL),
                new NotificationRoute(Channel.EMAIL, "dev@example.com", null)), null);
        assertThat(planner.recipients(spec, Severity.WARNING)).containsExactly(new Recipient(Channel.EMAIL, "dev@example.com"));
        assertThat(planner.recipients(spec, Severity.CRITICAL)).hasSize(2);
    }

    @Test
    void the_resolved_notice_tells_the_outage_duration() {
        var resolved = new IncidentEvent.IncidentResolved("inc-1", "web-1", IncidentDeciderTest.T0, "back", 420);
        var state = IncidentState.empty("inc-1", "web-1");
        var n = planner.plan(IncidentDeciderTest.THREE_STEPS, List.of(), List.of(resolved), 7, state).get(0);
        assertThat(n.kind()).isEqualTo(Kind.RESOLVED);
        assertThat(n.facts()).containsEntry("downtimeSeconds", "420");
        assertThat(n.notificationId()).isEqualTo("inc-1-7");
    }
}
