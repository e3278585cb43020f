package dev.revive.policy.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.revive.common.contract.IncidentEvent;
import dev.revive.common.contract.RecoveryCommand;
import dev.revive.common.contract.TargetSpec;
import dev.revive.common.contract.TargetSpec.LadderStep;
import dev.revive.common.topic.Topics;
import dev.revive.testkit.TestTopics;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** A drill acts like a step: while the blast-radius guard holds actions, it is refused (the profile's guard trips at once). */
@QuarkusTest
@TestProfile(GuardrailsProfile.class)
class DrillBlastRadiusIT {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final TestTopics topics = TestTopics.shared();

    @Test
    void a_drill_while_the_blast_radius_guard_holds_actions_is_409() throws Exception {
        TargetSpec down = Fixtures.target(Fixtures.uniqueId("fleet"), 600, 1);
        LadderEndToEndIT.register(down);
        topics.publish(Topics.HEALTH, Fixtures.probe(down.id(), false));
        topics.await(Topics.INCIDENTS, IncidentEvent.IncidentOpened.class, e -> e.targetId().equals(down.id()), 1, WAIT);

        TargetSpec base = Fixtures.target(Fixtures.uniqueId("guarded"), 0, 1);
        TargetSpec t = DrillsApiIT.withRecovery(base, base.recovery(),
                new TargetSpec.Drill(new LadderStep("exec", Map.of("command", "stop-demo"))));
        LadderEndToEndIT.register(t);
        assertThat(DrillsApiIT.post(Map.of("targetId", t.id(), "mode", "stop-target"), 409)).contains("blast-radius guard");
        assertThat(topics.readAll(Topics.COMMANDS, RecoveryCommand.class)).noneMatch(c -> c.data().targetId().equals(t.id()));
    }
}
