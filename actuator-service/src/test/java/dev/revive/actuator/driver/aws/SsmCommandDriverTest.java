package dev.revive.actuator.driver.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

import dev.revive.actuator.driver.ActionFailedException;
import dev.revive.actuator.driver.Outcome;
import dev.revive.common.contract.RecoveryCommand;

class SsmCommandDriverTest extends AwsMock {

    static final String ID = "i-0123456789abcdef0";
    static final String SSM_ID = "2ed1d6f8-1cbb-4d4b-8d9a-7f0c7EXAMPLE";

    SsmCommandDriver driver() {
        return new SsmCommandDriver(clients, fast(), Map.of("restart-apache", "service apache2 restart"), 600, 50);
    }

    static RecoveryCommand ssm(String template) {
        return new RecoveryCommand("cmd-ssm-1", "inc-1", "web-1", 1, "aws-ssm-command",
                Map.of("instanceId", ID, "region", "eu-west-1", "template", template), null, null, null, null);
    }

    static MappingBuilder ssmCall(String operation) {
        return post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("AmazonSSM." + operation));
    }

    static ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1").withBody(body);
    }

    static ResponseDefinitionBuilder ssmError(String type, String message) {
        return aResponse().withStatus(400).withHeader("Content-Type", "application/x-amz-json-1.1")
                .withBody("{\"__type\":\"" + type + "\",\"message\":\"" + message + "\"}");
    }

    static String invocation(String status, String stdout, String stderr, int code) {
        return "{\"CommandId\":\"" + SSM_ID + "\",\"InstanceId\":\"" + ID + "\",\"DocumentName\":\"AWS-RunShellScript\","
                + "\"Status\":\"" + status + "\",\"StatusDetails\":\"" + status + "\",\"ResponseCode\":" + code + ","
                + "\"StandardOutputContent\":\"" + stdout + "\",\"StandardErrorContent\":\"" + stderr + "\"}";
    }

    void stubSend() {
        wm.stubFor(ssmCall("SendCommand").willReturn(json("{\"Command\":{\"CommandId\":\"" + SSM_ID
                + "\",\"DocumentName\":\"AWS-RunShellScript\",\"InstanceIds\":[\"" + ID + "\"],\"Status\":\"Pending\"}}")));
    }

    @Test
    void sends_the_configured_template_and_polls_until_it_succeeds() throws Exception {
        stubSend();
        wm.stubFor(ssmCall("GetCommandInvocation").inScenario("poll").whenScenarioStateIs(STARTED)
                .willReturn(ssmError("InvocationDoesNotExist", "")).willSetStateTo("registered"));
        wm.stubFor(ssmCall("GetCommandInvocation").inScenario("poll").whenScenarioStateIs("registered")
                .willReturn(json(invocation("InProgress", "", "", -1))).willSetStateTo("done"));
        wm.stubFor(ssmCall("GetCommandInvocation").inScenario("poll").whenScenarioStateIs("done")
                .willReturn(json(invocation("Success", "Restarting Apache httpd web server: apache2.", "", 0))));
        List<String> refs = new ArrayList<>();

        Outcome o = driver().run(ssm("restart-apache"), refs::add);

        assertThat(o.succeeded()).isTrue();
        assertThat(o.output()).contains("Restarting Apache");
        assertThat(refs).containsExactly("ssm " + SSM_ID);
        wm.verify(exactly(1), postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("AmazonSSM.SendCommand"))
                .withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock.containing("/eu-west-1/ssm/aws4_request"))
                .withRequestBody(equalToJson("{\"DocumentName\":\"AWS-RunShellScript\",\"InstanceIds\":[\"" + ID + "\"],"
                        + "\"Parameters\":{\"commands\":[\"service apache2 restart\"]}}", false, true)));
        wm.verify(exactly(3), postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("AmazonSSM.GetCommandInvocation"))
                .withRequestBody(equalToJson("{\"CommandId\":\"" + SSM_ID + "\",\"InstanceId\":\"" + ID + "\"}")));
    }

    @Test
    void reports_a_failed_script_with_its_truncated_output() throws Exception {
        stubSend();
        wm.stubFor(ssmCall("GetCommandInvocation").willReturn(json(invocation("Failed", "x".repeat(200),
                "apache2: unrecognized service", 1))));

        Outcome o = driver().run(ssm("restart-apache"), ref -> {
        });

        assertThat(o.succeeded()).isFalse();
        assertThat(o.nonRecoverable()).isFalse();
        assertThat(o.reason()).contains("ended Failed").contains("exit 1");
        assertThat(o.output()).startsWith("x".repeat(50)).contains("more characters truncated");
    }

    @Test
    void reports_an_instance_ssm_does_not_manage_as_non_recoverable() {
        wm.stubFor(ssmCall("SendCommand").willReturn(ssmError("InvalidInstanceId", "Instances [[" + ID + "]] not in a valid state")));

        ActionFailedException e = catchThrowableOfType(ActionFailedException.class,
                () -> driver().run(ssm("restart-apache"), ref -> {
                }));

        assertThat(e.nonRecoverable()).isTrue();
        assertThat(e.getMessage()).contains("InvalidInstanceId");
    }

    @Test
    void refuses_a_template_that_is_not_configured_without_calling_aws() {
        ActionFailedException e = catchThrowableOfType(ActionFailedException.class,
                () -> driver().run(ssm("rm-everything"), ref -> {
                }));

        assertThat(e.nonRecoverable()).isTrue();
        assertThat(wm.getAllServeEvents()).isEmpty();
    }
}
