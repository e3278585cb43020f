package dev.revive.actuator.driver.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.revive.actuator.driver.ActionContext;
import dev.revive.actuator.driver.ActionFailedException;
import dev.revive.actuator.driver.Outcome;
import dev.revive.common.contract.RecoveryCommand;

class Ec2RebootDriverTest extends AwsMock {

    static final String ID = "i-0123456789abcdef0";

    Ec2RebootDriver driver() {
        return new Ec2RebootDriver(clients, fast());
    }

    static RecoveryCommand reboot(Map<String, String> extra) {
        Map<String, String> p = new HashMap<>(Map.of("instanceId", ID, "region", "eu-west-1"));
        p.putAll(extra);
        return new RecoveryCommand("cmd-reboot-1", "inc-1", "web-1", 1, "aws-ec2-reboot", p, null, null, null, null);
    }

    @Test
    void reboots_the_instance_and_succeeds_once_status_checks_pass() throws Exception {
        wm.stubFor(ec2("RebootInstances").willReturn(xml("RebootInstances", "<return>true</return>")));
        wm.stubFor(ec2("DescribeInstanceStatus").willReturn(xml("DescribeInstanceStatus", instanceStatus(ID, "running", "ok"))));

        Outcome o = driver().run(reboot(Map.of()), ActionContext.NONE);

        assertThat(o.succeeded()).isTrue();
        wm.verify(exactly(1), ec2Requested("RebootInstances").withRequestBody(containing("InstanceId.1=" + ID))
                .withRequestBody(containing("Version=2016-11-15"))
                .withHeader("Authorization", containing("/eu-west-1/ec2/aws4_request")));
        wm.verify(ec2Requested("DescribeInstanceStatus").withRequestBody(containing("InstanceId.1=" + ID))
                .withRequestBody(containing("IncludeAllInstances=true")));
    }

    @Test
    void retries_a_throttled_reboot_and_succeeds() throws Exception {
        wm.stubFor(ec2("RebootInstances").inScenario("throttle").whenScenarioStateIs(STARTED)
                .willReturn(ec2Error(503, "RequestLimitExceeded", "Request limit exceeded."))
                .willSetStateTo("calm"));
        wm.stubFor(ec2("RebootInstances").inScenario("throttle").whenScenarioStateIs("calm")
                .willReturn(xml("RebootInstances", "<return>true</return>")));
        wm.stubFor(ec2("DescribeInstanceStatus").willReturn(xml("DescribeInstanceStatus", instanceStatus(ID, "running", "ok"))));

        Outcome o = driver().run(reboot(Map.of()), ActionContext.NONE);

        assertThat(o.succeeded()).isTrue();
        wm.verify(exactly(2), ec2Requested("RebootInstances"));
    }

    @Test
    void reports_an_unknown_instance_as_non_recoverable_without_retrying() {
        wm.stubFor(ec2("RebootInstances").willReturn(ec2Error(400, "InvalidInstanceID.NotFound",
                "The instance ID '" + ID + "' does not exist")));

        ActionFailedException e = catchThrowableOfType(ActionFailedException.class,
                () -> driver().run(reboot(Map.of()), ActionContext.NONE));

        assertThat(e.nonRecoverable()).isTrue();
        assertThat(e.getMessage()).contains("InvalidInstanceID.NotFound");
        wm.verify(exactly(1), ec2Requested("RebootInstances"));
    }

    @Test
    void reports_an_unauthorized_operation_as_non_recoverable() {
        wm.stubFor(ec2("RebootInstances").willReturn(ec2Error(403, "UnauthorizedOperation",
                "You are not authorized to perform this operation.")));

        ActionFailedException e = catchThrowableOfType(ActionFailedException.class,
                () -> driver().run(reboot(Map.of()), ActionContext.NONE));

        assertThat(e.nonRecoverable()).isTrue();
        assertThat(e.getMessage()).contains("UnauthorizedOperation");
    }

    @Test
    void reports_throttling_that_outlasts_the_retries_as_recoverable() {
        wm.stubFor(ec2("RebootInstances").willReturn(ec2Error(503, "RequestLimitExceeded", "Request limit exceeded.")));

        ActionFailedException e = catchThrowableOfType(ActionFailedException.class,
                () -> driver().run(reboot(Map.of()), ActionContext.NONE));

        assertThat(e.nonRecoverable()).isFalse();
        wm.verify(exactly(3), ec2Requested("RebootInstances"));
    }

    @Test
    void force_stops_and_starts_an_instance_that_stays_impaired_after_the_reboot() throws Exception {
        wm.stubFor(ec2("RebootInstances").willReturn(xml("RebootInstances", "<return>true</return>")));
        wm.stubFor(ec2("DescribeInstanceStatus").inScenario("impaired").whenScenarioStateIs(STARTED)
                .willReturn(xml("DescribeInstanceStatus", instanceStatus(ID, "running", "impaired"))));
        wm.stubFor(ec2("StopInstances").inScenario("impaired").willSetStateTo("stopped")
                .willReturn(xml("StopInstances", "<instancesSet><item><instanceId>" + ID + "</instanceId>"
                        + "<currentState><code>64</code><name>stopping</name></currentState>"
                        + "<previousState><code>16</code><name>running</name></previousState></item></instancesSet>")));
        wm.stubFor(ec2("DescribeInstances").willReturn(xml("DescribeInstances", "<reservationSet><item><reservationId>r-1</reservationId>"
                + "<instancesSet><item><instanceId>" + ID + "</instanceId><instanceState><code>80</code><name>stopped</name>"
                + "</instanceState></item></instancesSet></item></reservationSet>")));
        wm.stubFor(ec2("StartInstances").inScenario("impaired").willSetStateTo("started")
                .willReturn(xml("StartInstances", "<instancesSet><item><instanceId>" + ID + "</instanceId>"
                        + "<currentState><code>0</code><name>pending</name></currentState>"
                        + "<previousState><code>80</code><name>stopped</name></previousState></item></instancesSet>")));
        wm.stubFor(ec2("DescribeInstanceStatus").inScenario("impaired").whenScenarioStateIs("started")
                .willReturn(xml("DescribeInstanceStatus", instanceStatus(ID, "running", "ok"))));

        Outcome o = driver().run(reboot(Map.of("stopStartAfterSeconds", "0")), ActionContext.NONE);

        assertThat(o.succeeded()).isTrue();
        assertThat(o.output()).contains("force-stopped and started");
        wm.verify(exactly(1), ec2Requested("StopInstances").withRequestBody(containing("Force=true"))
                .withRequestBody(containing("InstanceId.1=" + ID)));
        wm.verify(exactly(1), ec2Requested("StartInstances").withRequestBody(containing("InstanceId.1=" + ID)));
    }
}
