package dev.revive.notifier.channel.aws;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import dev.revive.common.contract.Channel;
import dev.revive.common.envelope.EnvelopeCodec;
import dev.revive.common.envelope.Json;
import dev.revive.notifier.channel.ChannelSender;
import dev.revive.notifier.channel.Outgoing;
import dev.revive.notifier.channel.SendException;
import dev.revive.notifier.config.NotifierConfig;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * SES v2 SendEmail ({@code POST /v2/email/outbound-emails}, REST/JSON), signed with the AWS SDK's SigV4 signer and
 * credentials from the SDK's default chain. It is called directly because the {@code sesv2} SDK jar is missing from
 * the Maven mirror this build uses; the request is the one the SDK would send.
 */
@ApplicationScoped
public class SesSender implements ChannelSender {

    private static final Set<String> UNSIGNABLE = Set.of("host", "content-length", "connection", "expect", "upgrade");

    private final NotifierConfig config;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final AwsCredentialsProvider credentials = DefaultCredentialsProvider.builder().build();

    SesSender(NotifierConfig config) {
        this.config = config;
    }

    @Override
    public Channel channel() {
        return Channel.SES;
    }

    @Override
    public String send(Outgoing m) throws SendException {
        String from = config.ses().from().filter(s -> !s.isBlank())
                .orElseThrow(() -> SendException.permanentFailure("revive.notifier.ses.from is not configured"));
        byte[] body = EnvelopeCodec.body(requestBody(from, m));
        String region = config.aws().region();
        URI endpoint = config.ses().endpointOverride().orElse(URI.create("https://email." + region + ".amazonaws.com"));
        URI uri = endpoint.resolve("/v2/email/outbound-emails");
        SdkHttpFullRequest unsigned = SdkHttpFullRequest.builder().method(SdkHttpMethod.POST).uri(uri)
                .putHeader("Content-Type", "application/json")
                .contentStreamProvider(() -> new ByteArrayInputStream(body)).build();
        SdkHttpRequest signed;
        try {
            AwsCredentialsIdentity identity = credentials.resolveCredentials();
            signed = AwsV4HttpSigner.create().sign(r -> r.identity(identity).request(unsigned)
                    .payload(unsigned.contentStreamProvider().orElseThrow())
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "ses")
                    .putProperty(AwsV4HttpSigner.REGION_NAME, region)).request();
        } catch (RuntimeException e) {
            throw SendException.transientFailure("SES: cannot sign the request: " + e.getMessage(), e);
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        signed.headers().forEach((name, values) -> {
            if (!UNSIGNABLE.contains(name.toLowerCase())) {
                values.forEach(v -> b.header(name, v));
            }
        });
        HttpResponse<String> r;
        try {
            r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw SendException.transientFailure("SES unreachable: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw SendException.transientFailure("SES: interrupted", e);
        }
        if (r.statusCode() / 100 != 2) {
            throw SendException.fromHttpStatus("SES", r.statusCode(), r.body());
        }
        try {
            JsonNode json = Json.MAPPER.readTree(r.body());
            return json.path("MessageId").asText(null);
        } catch (IOException e) {
            return null;
        }
    }

    private Map<String, Object> requestBody(String from, Outgoing m) {
        Map<String, Object> content = Map.of("Simple", Map.of(
                "Subject", Map.of("Data", m.message().subject(), "Charset", "UTF-8"),
                "Body", Map.of("Text", Map.of("Data", m.message().text(), "Charset", "UTF-8"),
                        "Html", Map.of("Data", m.message().html(), "Charset", "UTF-8"))));
        var out = new java.util.LinkedHashMap<String, Object>();
        out.put("FromEmailAddress", from);
        out.put("Destination", Map.of("ToAddresses", List.of(m.to())));
        out.put("Content", content);
        config.ses().configurationSet().ifPresent(cs -> out.put("ConfigurationSetName", cs));
        return out;
    }
}
