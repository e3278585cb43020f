package dev.revive.notifier;

import static dev.revive.notifier.support.Requests.id;
import static dev.revive.notifier.support.Requests.opened;
import static dev.revive.notifier.support.Requests.to;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.revive.common.contract.Channel;
import dev.revive.common.contract.DeliveryReceipt;
import dev.revive.common.envelope.Json;
import dev.revive.notifier.support.Requests;
import dev.revive.testkit.MotoTestResource;
import dev.revive.testkit.RealInfrastructureResource;
import dev.revive.testkit.RealMoto;
import dev.revive.testkit.TestTopics;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * SES v2 and SNS deliveries against moto's state, through the real broker and database: a notification request on
 * Kafka → ledger → sender → moto, then what moto holds is read back — the email SES keeps ({@code /moto-api/data.json},
 * moto's SES backend's sent messages) and the SNS message an SQS queue subscribed to the topic received. The exact
 * wire details stay in {@link AwsDeliveryIT} (WireMock). Skips when the emulator's root is absent (fails with
 * REVIVE_REQUIRE_MOTO=1).
 */
@QuarkusTest
@TestProfile(MotoDeliveryIT.OnMoto.class)
class MotoDeliveryIT {

    /** The real broker and database and moto as both the SES and the SNS endpoint: no WireMock, no GreenMail. */
    public static class OnMoto implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(RealInfrastructureResource.class, Map.of("database", "notifier")),
                    new TestResourceEntry(MotoTestResource.class, Map.of("property",
                            "revive.notifier.ses.endpoint-override,revive.notifier.sns.endpoint-override")));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    static final TestTopics topics = TestTopics.shared();
    static final String REGION = "us-east-1"; // the notifier's revive.notifier.aws.region in %test
    static final String FROM = "revive@notifier.test"; // %test.revive.notifier.ses.from
    static final StaticCredentialsProvider CREDENTIALS = StaticCredentialsProvider.create(
            AwsBasicCredentials.create("AKIDTESTONLY", "test-secret-not-real"));

    SnsClient sns;
    SqsClient sqs;

    @BeforeEach
    void emptyAccount() {
        Assumptions.assumeTrue(RealMoto.available(), RealMoto::why);
        RealMoto.reset();
        URI endpoint = RealMoto.endpoint();
        sns = SnsClient.builder().region(Region.of(REGION)).endpointOverride(endpoint).credentialsProvider(CREDENTIALS)
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
        sqs = SqsClient.builder().region(Region.of(REGION)).endpointOverride(endpoint).credentialsProvider(CREDENTIALS)
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    @Test
    void ses_keeps_the_email_to_the_admin_with_the_incident_in_subject_and_body() {
        verifySesIdentity(FROM);
        String admin = "ops-" + id().substring(0, 8) + "@example.test";
        String target = "t-" + id();
        var request = opened(id(), target, to(Channel.SES, admin));
        Requests.publish(topics, request);

        DeliveryReceipt receipt = Requests.receipt(topics, request.notificationId());

        assertThat(receipt.status()).as(receipt.reason()).isEqualTo(DeliveryReceipt.Status.DELIVERED);
        JsonNode sent = sesMessage(receipt.providerMessageId());
        assertThat(sent.path("source").asText()).isEqualTo(FROM);
        assertThat(sent.path("destinations").path("ToAddresses")).extracting(JsonNode::asText).containsExactly(admin);
        assertThat(sent.path("subject").asText())
                .isEqualTo("[Revive] shop.example.com is down: restart planned at 10:30 unless you hold it");
        // moto keeps one body of a Simple message, the HTML one when both are sent (the text part is not stored).
        assertThat(sent.path("body").asText()).contains("Hold the recovery").contains(request.links().get("hold"))
                .contains("HTTP 503 from 3 of 3 locations");
    }

    @Test
    void ses_rejects_an_unverified_sender_and_the_receipt_says_failed_without_retrying() {
        // No verified identity: moto, like SES in its sandbox, answers 400 MessageRejected.
        var request = opened(id(), "t-" + id(), to(Channel.SES, "ops-" + id().substring(0, 8) + "@example.test"));
        Requests.publish(topics, request);

        DeliveryReceipt receipt = Requests.receipt(topics, request.notificationId());

        assertThat(receipt.status()).isEqualTo(DeliveryReceipt.Status.FAILED);
        assertThat(receipt.attempts()).as("a permanent failure is not retried").isEqualTo(1);
        assertThat(receipt.reason()).contains("400").contains("not verified");
        assertThat(sesMessages()).isEmpty();
    }

    @Test
    void sns_delivers_the_incident_to_a_queue_subscribed_to_the_topic() {
        String topicArn = sns.createTopic(r -> r.name("revive-alerts")).topicArn();
        String queueUrl = sqs.createQueue(r -> r.queueName("ops-inbox")).queueUrl();
        sns.subscribe(r -> r.topicArn(topicArn).protocol("sqs").endpoint(queueArn(queueUrl)));
        var request = opened(id(), "t-" + id(), to(Channel.SNS, topicArn));
        Requests.publish(topics, request);

        DeliveryReceipt receipt = Requests.receipt(topics, request.notificationId());

        assertThat(receipt.status()).as(receipt.reason()).isEqualTo(DeliveryReceipt.Status.DELIVERED);
        Message m = receiveOne(queueUrl);
        JsonNode n = json(m.body()); // SNS's JSON envelope (no raw message delivery)
        assertThat(n.path("Type").asText()).isEqualTo("Notification");
        assertThat(n.path("TopicArn").asText()).isEqualTo(topicArn);
        assertThat(n.path("MessageId").asText()).as("the receipt's provider id").isEqualTo(receipt.providerMessageId());
        assertThat(n.path("Subject").asText()).isEqualTo(
                "[Revive] shop.example.com is down: restart planned at 10:30 unless you hold it");
        assertThat(n.path("Message").asText()).contains("HTTP 503 from 3 of 3 locations")
                .contains(request.links().get("hold"));
    }

    @Test
    void sns_fifo_topic_delivers_with_the_target_as_group_and_the_notification_id_as_deduplication_id() {
        // moto refuses a FIFO publish without MessageGroupId and (no content-based deduplication) without
        // MessageDeduplicationId, and refuses either on a standard topic: the delivery itself checks the sender's choice.
        String topicArn = sns.createTopic(r -> r.name("revive-alerts.fifo")
                .attributes(Map.of("FifoTopic", "true", "ContentBasedDeduplication", "false"))).topicArn();
        String queueUrl = sqs.createQueue(r -> r.queueName("ops-inbox.fifo")
                .attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true"))).queueUrl();
        sns.subscribe(r -> r.topicArn(topicArn).protocol("sqs").endpoint(queueArn(queueUrl)));
        String target = "t-" + id();
        var request = opened(id(), target, to(Channel.SNS, topicArn));
        Requests.publish(topics, request);

        DeliveryReceipt receipt = Requests.receipt(topics, request.notificationId());

        assertThat(receipt.status()).as(receipt.reason()).isEqualTo(DeliveryReceipt.Status.DELIVERED);
        Message m = receiveOne(queueUrl);
        assertThat(m.attributes()).containsEntry(MessageSystemAttributeName.MESSAGE_GROUP_ID, target)
                .containsEntry(MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID, request.notificationId());
        assertThat(json(m.body()).path("Message").asText()).contains(request.links().get("hold"));
    }

    String queueArn(String queueUrl) {
        return sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
    }

    /**
     * The one message in the queue, with its system attributes. moto 5.1.1 reads them from the deprecated
     * {@code AttributeNames} only; the SDK's {@code MessageSystemAttributeNames} is ignored (no attributes come back).
     */
    @SuppressWarnings("deprecation")
    Message receiveOne(String queueUrl) {
        List<Message> got = new ArrayList<>();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            got.addAll(sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1)
                    .attributeNames(QueueAttributeName.ALL)).messages());
            return !got.isEmpty();
        });
        assertThat(got).as("messages in the subscribed queue").hasSize(1);
        return got.get(0);
    }

    /** The emails moto's SES backend keeps (its sent messages, as /moto-api/data.json lists them). */
    static List<JsonNode> sesMessages() {
        List<JsonNode> out = new ArrayList<>();
        json(RealMoto.get("/moto-api/data.json")).path("ses").path("Message").forEach(out::add);
        return out;
    }

    static JsonNode sesMessage(String messageId) {
        List<JsonNode> all = sesMessages();
        assertThat(all).as("SES messages in moto").extracting(m -> m.path("id").asText()).contains(messageId);
        return all.stream().filter(m -> messageId.equals(m.path("id").asText())).findFirst().orElseThrow();
    }

    /**
     * Verifies a sender in moto's SES (v1 VerifyEmailIdentity over the Query protocol, which v2 sends share in moto;
     * moto 5.1 has no SES v2 CreateEmailIdentity). Signed with the SDK's SigV4 signer like the notifier's own requests.
     */
    static void verifySesIdentity(String address) {
        byte[] body = ("Action=VerifyEmailIdentity&Version=2010-12-01&EmailAddress="
                + URLEncoder.encode(address, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        URI uri = RealMoto.endpoint().resolve("/");
        SdkHttpFullRequest unsigned = SdkHttpFullRequest.builder().method(SdkHttpMethod.POST).uri(uri)
                .putHeader("Content-Type", "application/x-www-form-urlencoded")
                .contentStreamProvider(() -> new ByteArrayInputStream(body)).build();
        var signed = AwsV4HttpSigner.create().sign(r -> r.identity(CREDENTIALS.resolveCredentials()).request(unsigned)
                .payload(unsigned.contentStreamProvider().orElseThrow())
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "ses")
                .putProperty(AwsV4HttpSigner.REGION_NAME, REGION)).request();
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        signed.headers().forEach((name, values) -> {
            if (!List.of("host", "content-length").contains(name.toLowerCase())) {
                values.forEach(v -> b.header(name, v));
            }
        });
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(String s) {
        try {
            return Json.MAPPER.readTree(s);
        } catch (IOException e) {
            throw new IllegalStateException(s, e);
        }
    }
}
