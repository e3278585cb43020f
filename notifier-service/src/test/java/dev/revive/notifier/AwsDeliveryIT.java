package dev.revive.notifier;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.revive.notifier.support.Requests.email;
import static dev.revive.notifier.support.Requests.id;
import static dev.revive.notifier.support.Requests.opened;
import static dev.revive.notifier.support.Requests.to;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import dev.revive.common.contract.Channel;
import dev.revive.common.contract.DeliveryReceipt;
import dev.revive.notifier.support.ChannelStubsResource;
import dev.revive.notifier.support.Requests;
import io.quarkus.test.junit.QuarkusTest;

/**
 * SES v2 and SNS against WireMock standing in for the AWS endpoints: the requests the notifier sends are checked
 * (path, protocol, SigV4 authorization, content). No AWS account is called.
 */
@QuarkusTest
class AwsDeliveryIT extends OnRealInfrastructure {

    @Test
    void ses_receives_a_signed_v2_send_email_request_and_its_message_id_is_the_receipts() {
        var aws = ChannelStubsResource.aws();
        aws.stubFor(post(urlEqualTo("/v2/email/outbound-emails"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"MessageId\":\"ses-0001\"}")));
        String admin = email();
        var request = opened(id(), "t-" + id(), to(Channel.SES, admin));
        Requests.publish(topics, request);

        DeliveryReceipt receipt = Requests.receipt(topics, request.notificationId());
        assertThat(receipt.status()).isEqualTo(DeliveryReceipt.Status.DELIVERED);
        assertThat(receipt.providerMessageId()).isEqualTo("ses-0001");
        aws.verify(1, postRequestedFor(urlEqualTo("/v2/email/outbound-emails"))
                .withHeader("Authorization", matching("AWS4-HMAC-SHA256 Credential=AKIDTESTONLY/\\d{8}/us-east-1/ses/aws4_request, .*"))
                .withHeader("X-Amz-Date", matching("\\d{8}T\\d{6}Z"))
                .withRequestBody(matchingJsonPath("$.FromEmailAddress", equalTo("revive@notifier.test")))
                .withRequestBody(matchingJsonPath("$.Destination.ToAddresses[0]", equalTo(admin)))
                .withRequestBody(matchingJsonPath("$.Content.Simple.Subject.Data",
                        equalTo("[Revive] shop.example.com is down: restart planned at 10:30 unless you hold it")))
                .withRequestBody(matchingJsonPath("$.Content.Simple.Body.Text.Data", containing(request.links().get("hold"))))
                .withRequestBody(matchingJsonPath("$.Content.Simple.Body.Html.Data", containing("Hold the recovery"))));
    }

    @Test
    void sns_fifo_topic_gets_a_publish_with_the_notification_id_as_deduplication_id() {
        var aws = ChannelStubsResource.aws();
        aws.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=Publish"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/xml").withBody("""
                        <PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/">
                          <PublishResult><MessageId>sns-0001</MessageId><SequenceNumber>1</SequenceNumber></PublishResult>
                          <ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata>
                        </PublishResponse>""")));
        String arn = "arn:aws:sns:us-east-1:123456789012:revive-" + id().substring(0, 8) + ".fifo";
        String target = "t-" + id();
        var request = opened(id(), target, to(Channel.SNS, arn));
        Requests.publish(topics, request);

        DeliveryReceipt receipt = Requests.receipt(topics, request.notificationId());
        assertThat(receipt.status()).isEqualTo(DeliveryReceipt.Status.DELIVERED);
        assertThat(receipt.providerMessageId()).isEqualTo("sns-0001");
        aws.verify(1, postRequestedFor(urlEqualTo("/"))
                .withHeader("Authorization", matching("AWS4-HMAC-SHA256 Credential=AKIDTESTONLY/\\d{8}/us-east-1/sns/aws4_request, .*"))
                .withRequestBody(containing("Action=Publish"))
                .withRequestBody(containing("TopicArn=" + form(arn)))
                .withRequestBody(containing("MessageDeduplicationId=" + form(request.notificationId())))
                .withRequestBody(containing("MessageGroupId=" + form(target)))
                .withRequestBody(containing("Subject=" + form("[Revive] shop.example.com is down"))));
    }

    @Test
    void sns_standard_topic_gets_no_deduplication_id() {
        var aws = ChannelStubsResource.aws();
        aws.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=Publish"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/xml").withBody("""
                        <PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/">
                          <PublishResult><MessageId>sns-0002</MessageId></PublishResult>
                          <ResponseMetadata><RequestId>req-2</RequestId></ResponseMetadata>
                        </PublishResponse>""")));
        String arn = "arn:aws:sns:us-east-1:123456789012:revive-" + id().substring(0, 8);
        var request = opened(id(), "t-" + id(), to(Channel.SNS, arn));
        Requests.publish(topics, request);

        assertThat(Requests.receipt(topics, request.notificationId()).status()).isEqualTo(DeliveryReceipt.Status.DELIVERED);
        var sent = aws.findAll(postRequestedFor(urlEqualTo("/")).withRequestBody(containing("TopicArn=" + form(arn))));
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).getBodyAsString()).doesNotContain("MessageDeduplicationId");
    }

    private static String form(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
