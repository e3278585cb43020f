package dev.revive.actuator.driver.aws;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.revive.actuator.config.ActuatorConfig;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * One EC2 and one SSM client per region, built on first use, and one Route 53 client. Credentials come from the SDK's default chain (env,
 * profile, web identity / IRSA, instance profile); transient errors (throttling, 5xx, I/O) are retried by the SDK's
 * standard strategy with exponential backoff and jitter; an endpoint override sends every call elsewhere (tests,
 * VPC endpoints).
 */
@ApplicationScoped
public class AwsClients {

    /** How the clients are built; {@link #fromConfig} in the service, explicit in tests. */
    public record Settings(Optional<URI> endpointOverride, int maxAttempts, Duration retryBaseDelay,
            Duration retryMaxDelay, Duration attemptTimeout) {
    }

    private final Settings settings;
    private final AwsCredentialsProvider credentials;
    private final SdkHttpClient http;
    private final Map<String, Ec2Client> ec2 = new ConcurrentHashMap<>();
    private final Map<String, SsmClient> ssm = new ConcurrentHashMap<>();
    private volatile Route53Records route53;

    @Inject
    public AwsClients(ActuatorConfig config) {
        this(fromConfig(config.aws()), DefaultCredentialsProvider.builder().build());
    }

    public AwsClients(Settings settings, AwsCredentialsProvider credentials) {
        this.settings = settings;
        this.credentials = credentials;
        this.http = UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(10))
                .socketTimeout(settings.attemptTimeout()).build();
    }

    public static Settings fromConfig(ActuatorConfig.Aws aws) {
        return new Settings(aws.endpointOverride().map(URI::create), aws.maxAttempts(), aws.retryBaseDelay(),
                aws.retryMaxDelay(), aws.attemptTimeout());
    }

    public Ec2Client ec2(String region) {
        return ec2.computeIfAbsent(region, r -> {
            var b = Ec2Client.builder().region(Region.of(r)).httpClient(http).credentialsProvider(credentials)
                    .overrideConfiguration(overrides());
            settings.endpointOverride().ifPresent(b::endpointOverride);
            return b.build();
        });
    }

    public SsmClient ssm(String region) {
        return ssm.computeIfAbsent(region, r -> {
            var b = SsmClient.builder().region(Region.of(r)).httpClient(http).credentialsProvider(credentials)
                    .overrideConfiguration(overrides());
            settings.endpointOverride().ifPresent(b::endpointOverride);
            return b.build();
        });
    }

    /** Route 53 is global: one client, signed for us-east-1. */
    public Route53Records route53() {
        Route53Records r = route53;
        if (r == null) {
            synchronized (this) {
                if (route53 == null) {
                    route53 = new Route53Records(settings.endpointOverride(), credentials, settings.attemptTimeout());
                }
                r = route53;
            }
        }
        return r;
    }

    private ClientOverrideConfiguration overrides() {
        BackoffStrategy backoff = BackoffStrategy.exponentialDelay(settings.retryBaseDelay(), settings.retryMaxDelay());
        return ClientOverrideConfiguration.builder()
                .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                        .maxAttempts(settings.maxAttempts())
                        .backoffStrategy(backoff)
                        .throttlingBackoffStrategy(backoff)
                        // A recovery must not be refused because earlier calls failed: no client-side circuit breaker.
                        .circuitBreakerEnabled(false)
                        .build())
                .apiCallAttemptTimeout(settings.attemptTimeout())
                .build();
    }

    @PreDestroy
    void close() {
        ec2.values().forEach(Ec2Client::close);
        ssm.values().forEach(SsmClient::close);
        http.close();
    }
}
