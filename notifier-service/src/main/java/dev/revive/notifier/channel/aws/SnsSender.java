package dev.revive.notifier.channel.aws;

import dev.revive.common.contract.Channel;
import dev.revive.notifier.channel.ChannelSender;
import dev.revive.notifier.channel.Outgoing;
import dev.revive.notifier.channel.SendException;
import dev.revive.notifier.config.NotifierConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.PublishRequest;

/**
 * SNS Publish to the topic ARN named as the recipient. A FIFO topic ({@code .fifo}) gets the notification id as
 * MessageDeduplicationId, so SNS itself drops a repeat within its 5-minute window, and the target id as
 * MessageGroupId. The SDK's own retries are off: the ledger retries, durably.
 */
@ApplicationScoped
public class SnsSender implements ChannelSender {

    /** SNS caps a subject at 100 characters. */
    static final int MAX_SUBJECT = 100;

    private final NotifierConfig config;
    private volatile SnsClient client;

    SnsSender(NotifierConfig config) {
        this.config = config;
    }

    @Override
    public Channel channel() {
        return Channel.SNS;
    }

    @Override
    public String send(Outgoing m) throws SendException {
        String subject = m.message().subject().replaceAll("[^\\x20-\\x7E]", " ");
        PublishRequest.Builder req = PublishRequest.builder()
                .topicArn(m.to())
                .subject(subject.length() > MAX_SUBJECT ? subject.substring(0, MAX_SUBJECT - 1) + "." : subject)
                .message(m.message().subject() + "\n\n" + m.message().text());
        if (m.to().endsWith(".fifo")) {
            req.messageDeduplicationId(m.notificationId()).messageGroupId(m.targetId() == null ? "revive" : m.targetId());
        }
        try {
            return client().publish(req.build()).messageId();
        } catch (AwsServiceException e) {
            int status = e.statusCode();
            boolean permanent = status >= 400 && status < 500 && status != 429 && !e.isThrottlingException();
            throw new SendException("SNS " + status + " " + e.awsErrorDetails().errorCode() + ": "
                    + e.awsErrorDetails().errorMessage(), permanent, e);
        } catch (SdkException e) {
            throw SendException.transientFailure("SNS: " + e.getMessage(), e);
        }
    }

    private SnsClient client() {
        SnsClient c = client;
        if (c == null) {
            synchronized (this) {
                if (client == null) {
                    var b = SnsClient.builder()
                            .region(Region.of(config.aws().region()))
                            .credentialsProvider(DefaultCredentialsProvider.builder().build())
                            .httpClientBuilder(UrlConnectionHttpClient.builder())
                            .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()));
                    config.sns().endpointOverride().ifPresent(b::endpointOverride);
                    client = b.build();
                }
                c = client;
            }
        }
        return c;
    }

    @PreDestroy
    void close() {
        if (client != null) {
            client.close();
        }
    }
}
