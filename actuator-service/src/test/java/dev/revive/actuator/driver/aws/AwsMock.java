package dev.revive.actuator.driver.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * An in-JVM WireMock on a random loopback port standing in for the EC2 and SSM endpoints. The drivers talk to it
 * through the real AWS SDK with static test credentials; no AWS account is ever called.
 */
abstract class AwsMock {

    static final String EC2_NS = "http://ec2.amazonaws.com/doc/2016-11-15/";

    WireMockServer wm;
    AwsClients clients;

    @BeforeEach
    void startMock() {
        wm = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        wm.start();
        clients = new AwsClients(new AwsClients.Settings(Optional.of(URI.create("http://127.0.0.1:" + wm.port())), 3,
                Duration.ofMillis(5), Duration.ofMillis(20), Duration.ofSeconds(10)),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTESTONLY", "test-secret-not-real")));
    }

    @AfterEach
    void stopMock() {
        clients.close();
        wm.stop();
    }

    static AwsTimings fast() {
        return new AwsTimings(Duration.ofMillis(5), Duration.ZERO, Duration.ofSeconds(10));
    }

    /** An EC2 Query API call (form-encoded POST) by its Action. */
    static MappingBuilder ec2(String action) {
        return post(urlEqualTo("/")).withRequestBody(containing("Action=" + action + "&"));
    }

    static RequestPatternBuilder ec2Requested(String action) {
        return postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=" + action + "&"));
    }

    static ResponseDefinitionBuilder xml(String action, String inner) {
        return aResponse().withStatus(200).withHeader("Content-Type", "text/xml;charset=UTF-8")
                .withBody("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<" + action + "Response xmlns=\"" + EC2_NS + "\">"
                        + "<requestId>7a62c49f-347e-4fc4-9331-6e8eEXAMPLE</requestId>" + inner + "</" + action + "Response>");
    }

    static ResponseDefinitionBuilder ec2Error(int status, String code, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "text/xml;charset=UTF-8")
                .withBody("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Errors><Error><Code>" + code
                        + "</Code><Message>" + message + "</Message></Error></Errors>"
                        + "<RequestID>ea966190-f9aa-478e-9ede-example</RequestID></Response>");
    }

    static String instanceStatus(String instanceId, String state, String status) {
        return "<instanceStatusSet><item><instanceId>" + instanceId + "</instanceId>"
                + "<availabilityZone>eu-west-1a</availabilityZone>"
                + "<instanceState><code>16</code><name>" + state + "</name></instanceState>"
                + "<systemStatus><status>" + status + "</status><details><item><name>reachability</name><status>"
                + ("ok".equals(status) ? "passed" : "failed") + "</status></item></details></systemStatus>"
                + "<instanceStatus><status>" + status + "</status><details><item><name>reachability</name><status>"
                + ("ok".equals(status) ? "passed" : "failed") + "</status></item></details></instanceStatus>"
                + "</item></instanceStatusSet>";
    }
}
