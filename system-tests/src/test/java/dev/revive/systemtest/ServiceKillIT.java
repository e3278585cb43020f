package dev.revive.systemtest;

import java.time.Duration;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.revive.systemtest.stack.BreakHeal;
import dev.revive.systemtest.stack.BreakHeal.Stage;
import dev.revive.systemtest.stack.Service;
import dev.revive.systemtest.stack.Stack;
import dev.revive.systemtest.stack.StackExtension;

/**
 * kill -9 of one service in the middle of an incident, then it is started again: the incident still closes with
 * one restart of the demo and one email per stage. Each service is killed where it holds work: the prober right
 * after the break (before it saw the demo down), the policy once the incident is open (its grace timer pending),
 * the actuator once the step started (the restart in flight), the notifier once the first email is delivered (the
 * step's notifications are published while it is down). The notifier killed in the middle of a send, which re-sends
 * after the row's 2-minute lease, is in the full drills ({@code -Pdrills}), not here, to keep this tier short.
 */
@ExtendWith(StackExtension.class)
class ServiceKillIT {

    @ParameterizedTest(name = "kill -9 {0}")
    @EnumSource(Service.class)
    void incident_closes_with_one_restart_and_one_email_per_stage_when_a_service_is_killed(Service service, Stack stack) {
        BreakHeal breakHeal = new BreakHeal(stack, Duration.ofMinutes(5), Duration.ofSeconds(5));

        BreakHeal.Outcome o = breakHeal.run(stage(service), () -> {
            stack.kill9(service);
            stack.restart(service);
        });

        Expectations.healedOnce(o);
    }

    static Stage stage(Service s) {
        return switch (s) {
            case PROBER -> Stage.DEMO_KILLED;
            case POLICY -> Stage.OPENED;
            case ACTUATOR -> Stage.STEP_STARTED;
            case NOTIFIER -> Stage.FIRST_EMAIL_DELIVERED;
        };
    }
}
