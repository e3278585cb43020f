package dev.revive.actuator.capability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.revive.common.contract.ActuatorCapabilities;
import dev.revive.common.envelope.EnvelopeCodec;
import dev.revive.common.topic.Topics;
import dev.revive.testkit.KafkaTestResource;
import dev.revive.testkit.PostgresTestResource;
import dev.revive.testkit.TestTopics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/** At start the actuator tells, on revive.capabilities, what it can run: names and parameters, no argv, no env. */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false, initArgs = @ResourceArg(name = "database", value = "actuator"))
class CapabilitiesPublishedIT {

    static final TestTopics topics = TestTopics.shared();

    @Test
    void publishes_its_actions_exec_commands_and_templates_keyed_by_its_group_without_argv() {
        var published = topics.await(Topics.CAPABILITIES, ActuatorCapabilities.class, c -> "revive-actuator".equals(c.actuator()), 1,
                Duration.ofSeconds(60)).get(0);
        ActuatorCapabilities c = published.data();

        assertThat(published.subject()).isEqualTo("revive-actuator");
        assertThat(published.type()).isEqualTo("dev.revive.actuator.capabilities.v1");
        assertThat(c.actions()).contains("exec", "aws-ec2-reboot", "kubernetes", "docker-restart", "notify-only");
        assertThat(c.execCommands()).extracting(ActuatorCapabilities.ExecCommand::name).contains("count", "fail", "restart-demo");
        assertThat(c.ssmTemplates()).contains("restart-apache", "restart-nginx");
        String body = new String(EnvelopeCodec.body(c), StandardCharsets.UTF_8);
        assertThat(body).doesNotContain("/bin/sh", "count.sh", "exit 3", "systemctl", "revive-restart-demo");
    }
}
