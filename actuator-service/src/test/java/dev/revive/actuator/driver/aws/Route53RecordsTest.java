package dev.revive.actuator.driver.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.revive.actuator.driver.ActionFailedException;

/** The Route 53 UPSERT on the wire (WireMock): path, SigV4 scope, XML body; how refusals are classified. */
class Route53RecordsTest extends AwsMock {

    static final String PATH = "/2013-04-01/hostedzone/Z0123456789ABC/rrset";
    static final Route53Records.DnsRecord RECORD = new Route53Records.DnsRecord("/hostedzone/Z0123456789ABC",
            "www.example.com.", 30);

    Route53Records records() {
        return new Route53Records(java.util.Optional.of(java.net.URI.create("http://127.0.0.1:" + wm.port())),
                software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("AKIDTESTONLY", "secret")),
                Duration.ofSeconds(5));
    }

    @Test
    void upserts_one_a_record_signed_for_route53_in_us_east_1() {
        wm.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(200).withBody(
                "<ChangeResourceRecordSetsResponse><ChangeInfo><Id>/change/C1</Id><Status>PENDING</Status>"
                        + "</ChangeInfo></ChangeResourceRecordSetsResponse>")));

        String change = records().upsertA(RECORD, "198.51.100.7");

        assertThat(change).isEqualTo("/change/C1");
        wm.verify(1, postRequestedFor(urlEqualTo(PATH))
                .withHeader("Authorization", matching("AWS4-HMAC-SHA256 Credential=AKIDTESTONLY/\\d{8}/us-east-1/route53/aws4_request, .*"))
                .withHeader("Content-Type", equalTo("application/xml"))
                .withRequestBody(matching(".*<Change><Action>UPSERT</Action><ResourceRecordSet><Name>www\\.example\\.com\\.</Name>"
                        + "<Type>A</Type><TTL>30</TTL><ResourceRecords><ResourceRecord><Value>198\\.51\\.100\\.7</Value>.*")));
    }

    @Test
    void a_missing_zone_is_permanent_and_throttling_is_not() {
        wm.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(404).withBody(
                "<ErrorResponse><Error><Code>NoSuchHostedZone</Code></Error></ErrorResponse>")));
        assertThatThrownBy(() -> records().upsertA(RECORD, "198.51.100.7"))
                .isInstanceOfSatisfying(ActionFailedException.class, e -> assertThat(e.nonRecoverable()).isTrue())
                .hasMessageContaining("404 NoSuchHostedZone");

        wm.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(400).withBody(
                "<ErrorResponse><Error><Code>Throttling</Code></Error></ErrorResponse>")));
        assertThatThrownBy(() -> records().upsertA(RECORD, "198.51.100.7"))
                .isInstanceOfSatisfying(ActionFailedException.class, e -> assertThat(e.nonRecoverable()).isFalse());
    }
}
