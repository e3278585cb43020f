package dev.revive.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import dev.revive.systemtest.stack.BreakHeal;

/** What every break/heal must end with, whatever was killed on the way. */
public final class Expectations {

    private Expectations() {
    }

    /**
     * One incident, resolved; the demo restarted exactly once, by exactly one run of restart-demo and one recovery
     * command in the actuator's ledger; exactly one email
     * of each stage (opened, step started, step succeeded, back up), none sent twice.
     */
    public static void healedOnce(BreakHeal.Outcome o) {
        String story = o.describe();
        assertThat(o.opened()).as("incidents opened by one break\n%s", story).hasSize(1);
        assertThat(o.phase()).as("final phase\n%s", story).isEqualTo("RESOLVED");
        assertThat(o.demoRestarts()).as("demo restarts\n%s", story).isEqualTo(1);
        assertThat(o.restartCommands()).as("restart-demo commands the actuator ran\n%s", story).isEqualTo(1);
        assertThat(o.ledger()).as("actuator ledger rows of the incident\n%s", story).hasSize(1);
        assertThat(o.kinds()).as("emails per kind (X-Revive-Notification-Kind)\n%s", story).isEqualTo(Map.of(
                "OPENED", 1L, "STEP_STARTED", 1L, "STEP_SUCCEEDED", 1L, "RESOLVED", 1L));
        assertThat(o.perNotificationId().values()).as("emails per X-Revive-Notification-Id\n%s", story).containsOnly(1L);
    }
}
