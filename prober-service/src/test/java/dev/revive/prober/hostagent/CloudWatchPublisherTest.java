package dev.revive.prober.hostagent;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import dev.revive.common.contract.HostMetrics;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;

/** The real AWS SDK client against WireMock on 127.0.0.1: what PutMetricData requests it sends. */
class CloudWatchPublisherTest {

    private WireMockServer wm;
    private CloudWatchPublisher publisher;

    @BeforeEach
    void start() {
        wm = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        wm.start();
        wm.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/xml")
                .withBody("<PutMetricDataResponse xmlns=\"http://monitoring.amazonaws.com/doc/2010-08-01/\">"
                        + "<ResponseMetadata><RequestId>r1</RequestId></ResponseMetadata></PutMetricDataResponse>")));
        CloudWatchClient client = CloudWatchClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.EU_WEST_1)
                .endpointOverride(URI.create("http://127.0.0.1:" + wm.port()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIATEST", "secret")))
                .build();
        publisher = new CloudWatchPublisher(client, "Revive/Host", 3);
    }

    @AfterEach
    void stop() {
        publisher.close();
        wm.stop();
    }

    private static HostMetrics sample() {
        return new HostMetrics("m1", "web-1", "host", "i-0123456789abcdef0", Instant.parse("2026-01-01T00:00:00Z"), List.of(
                new HostMetrics.PortStates(80, Map.of("ESTABLISHED", 12, "TIME_WAIT", 3)),
                new HostMetrics.PortStates(443, Map.of("ESTABLISHED", 7, "FIN_WAIT1", 1, "SYN_RECV", 2))));
    }

    @Test
    void sends_signed_put_metric_data_in_batches_with_the_instance_dimension() {
        int calls = publisher.publish(sample(), "i-0123456789abcdef0");
        assertThat(calls).isEqualTo(2); // 5 data, batches of 3
        List<LoggedRequest> reqs = wm.findAll(com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor(anyUrl()));
        assertThat(reqs).hasSize(2);
        LoggedRequest first = reqs.get(0);
        assertThat(first.getHeader("Authorization")).startsWith("AWS4-HMAC-SHA256 Credential=AKIATEST/")
                .contains("/eu-west-1/monitoring/aws4_request");
        String all = reqs.stream().map(LoggedRequest::getBodyAsString).reduce("", String::concat)
                + reqs.stream().map(r -> String.valueOf(r.getHeader("X-Amz-Target"))).reduce("", String::concat);
        System.out.println("[revive-prober] CloudWatch request: " + first.getMethod() + " " + first.getUrl() + " "
                + first.getHeaders().keys() + "\n" + first.getBodyAsString());
        assertThat(all).contains("PutMetricData").contains("Revive%2FHost").contains("TcpConnections")
                .contains("InstanceId").contains("i-0123456789abcdef0").contains("FIN_WAIT1");
    }
}
