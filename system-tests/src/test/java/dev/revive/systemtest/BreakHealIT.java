package dev.revive.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.revive.systemtest.stack.BreakHeal;
import dev.revive.systemtest.stack.Stack;
import dev.revive.systemtest.stack.StackExtension;

/** The demo web server killed with -9 on the whole stack: Revive notices, restarts it once and says so by email. */
@ExtendWith(StackExtension.class)
class BreakHealIT {

    @Test
    void killed_demo_server_is_restarted_once_and_each_stage_is_emailed_once(Stack stack) {
        BreakHeal.Outcome o = new BreakHeal(stack, Duration.ofMinutes(3), Duration.ofSeconds(5)).run();

        Expectations.healedOnce(o);
        assertThat(o.incident().timeline()).extracting(e -> e.shortType())
                .contains("opened", "step-started", "step-succeeded", "resolved");
    }
}
