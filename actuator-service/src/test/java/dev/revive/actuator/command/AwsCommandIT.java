package dev.revive.actuator.command;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.revive.actuator.Commands.envelope;
import static dev.revive.actuator.Commands.result;
import static dev.revive.actuator.Commands.results;
import static dev.revive.actuator.Commands.signed;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.revive.actuator.AwsMockResource;
import dev.revive.common.contract.RecoveryCommand;
import dev.revive.common.contract.RecoveryResult;
import dev.revive.common.contract.RecoveryResult.Status;
import dev.revive.common.envelope.Envelope;
import dev.revive.common.topic.Topics;
import dev.revive.testkit.RealInfrastructureResource;
import dev.revive.testkit.TestTopics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/** The whole path for an AWS action: Kafka → checks → ledger → SDK → WireMock → result on Kafka. */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructureResource.class, restrictToAnnotatedClass = false, initArgs = @ResourceArg(name = "database", value = "actuator"))
@QuarkusTestResource(value = AwsMockResource.class, restrictToAnnotatedClass = false)
class AwsCommandIT {

    static final TestTopics topics = TestTopics.shared();

    static String xml(String action, String inner) {
        return "<" + action + "Response xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"><requestId>r-1</requestId>"
                + inner + "</" + action + "Response>";
    }

    @Test
    void reboots_once_when_the_command_is_delivered_three_times() {
        String id = "i-0aaaaaaaaaaaaaaa1";
        var wm = AwsMockResource.server;
        wm.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=RebootInstances&"))
                .willReturn(aResponse().withStatus(200).withBody(xml("RebootInstances", "<return>true</return>"))));
        wm.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=DescribeInstanceStatus&"))
                .withRequestBody(containing(id))
                .willReturn(aResponse().withStatus(200).withBody(xml("DescribeInstanceStatus", "<instanceStatusSet><item>"
                        + "<instanceId>" + id + "</instanceId><instanceState><code>16</code><name>running</name></instanceState>"
                        + "<systemStatus><status>ok</status></systemStatus><instanceStatus><status>ok</status></instanceStatus>"
                        + "</item></instanceStatusSet>"))));
        RecoveryCommand c = signed("aws-ec2-reboot", Map.of("instanceId", id, "region", "eu-west-1"));
        Envelope<RecoveryCommand> e = envelope(c);
        topics.publish(Topics.COMMANDS, e);
        topics.publish(Topics.COMMANDS, e);
        topics.publish(Topics.COMMANDS, e);

        var out = results(topics, c.commandId(), 3);

        assertThat(out).extracting(r -> r.data().status()).containsOnly(Status.SUCCEEDED);
        wm.verify(exactly(1), postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=RebootInstances&"))
                .withRequestBody(containing("InstanceId.1=" + id)));
    }

    @Test
    void reports_an_unknown_instance_as_failed_and_non_recoverable() {
        String id = "i-0bbbbbbbbbbbbbbb2";
        AwsMockResource.server.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=RebootInstances&"))
                .withRequestBody(containing(id))
                .willReturn(aResponse().withStatus(400).withBody("<Response><Errors><Error><Code>InvalidInstanceID.NotFound</Code>"
                        + "<Message>The instance ID '" + id + "' does not exist</Message></Error></Errors>"
                        + "<RequestID>r-2</RequestID></Response>")));
        RecoveryCommand c = signed("aws-ec2-reboot", Map.of("instanceId", id, "region", "eu-west-1"));
        topics.publish(Topics.COMMANDS, envelope(c));

        RecoveryResult r = result(topics, c.commandId());

        assertThat(r.status()).isEqualTo(Status.FAILED);
        assertThat(r.nonRecoverable()).isTrue();
        assertThat(r.reason()).contains("InvalidInstanceID.NotFound");
    }
}
