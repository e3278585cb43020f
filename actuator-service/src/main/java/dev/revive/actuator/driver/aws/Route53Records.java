package dev.revive.actuator.driver.aws;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.revive.actuator.driver.ActionFailedException;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;

/**
 * Route 53 ChangeResourceRecordSets: UPSERT of one A record ({@code POST /2013-04-01/hostedzone/{id}/rrset},
 * REST/XML), signed with the AWS SDK's SigV4 signer (service {@code route53}, region us-east-1: Route 53 is global)
 * and the actuator's credentials. It is called directly because the {@code software.amazon.awssdk:route53} jar of
 * the SDK version this build uses is missing from the Maven mirror; the request is the one the SDK would send. An
 * UPSERT of the same value is idempotent, so a resumed command may send it again.
 */
public final class Route53Records {

    /** The record a plan names: hosted zone id, name and TTL in seconds. */
    public record DnsRecord(String zoneId, String name, long ttl) {
    }

    private static final Set<String> UNSIGNABLE = Set.of("host", "content-length", "connection", "expect", "upgrade");
    private static final Pattern CHANGE_ID = Pattern.compile("<Id>([^<]+)</Id>");
    private static final Pattern ERROR_CODE = Pattern.compile("<Code>([^<]+)</Code>");

    private final URI endpoint;
    private final AwsCredentialsProvider credentials;
    private final HttpClient http;
    private final Duration timeout;

    public Route53Records(Optional<URI> endpointOverride, AwsCredentialsProvider credentials, Duration timeout) {
        this.endpoint = endpointOverride.orElse(URI.create("https://route53.amazonaws.com"));
        this.credentials = credentials;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    /**
     * Points the record at {@code address}.
     *
     * @return Route 53's change id
     * @throws ActionFailedException when Route 53 refuses it (permanent for a missing zone or a bad request) or
     *                               cannot be reached (transient)
     */
    public String upsertA(DnsRecord record, String address) {
        byte[] body = changeBatch(record, address).getBytes(StandardCharsets.UTF_8);
        String zone = record.zoneId().startsWith("/hostedzone/") ? record.zoneId().substring("/hostedzone/".length())
                : record.zoneId();
        URI uri = endpoint.resolve("/2013-04-01/hostedzone/" + zone + "/rrset");
        SdkHttpFullRequest unsigned = SdkHttpFullRequest.builder().method(SdkHttpMethod.POST).uri(uri)
                .putHeader("Content-Type", "application/xml")
                .contentStreamProvider(() -> new ByteArrayInputStream(body)).build();
        var signed = AwsV4HttpSigner.create().sign(r -> r.identity(credentials.resolveCredentials()).request(unsigned)
                .payload(unsigned.contentStreamProvider().orElseThrow())
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "route53")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")).request();
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout)
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
            throw new ActionFailedException("Route 53 unreachable: " + e, false, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ActionFailedException("Route 53: interrupted", false, e);
        }
        if (r.statusCode() / 100 != 2) {
            Matcher code = ERROR_CODE.matcher(r.body());
            boolean permanent = r.statusCode() >= 400 && r.statusCode() < 500 && r.statusCode() != 429
                    && !r.body().contains("Throttling") && !r.body().contains("PriorRequestNotComplete");
            throw new ActionFailedException("Route 53 answered HTTP " + r.statusCode()
                    + (code.find() ? " " + code.group(1) : ""), permanent);
        }
        Matcher id = CHANGE_ID.matcher(r.body());
        return id.find() ? id.group(1) : null;
    }

    /** The ChangeResourceRecordSets request body; the record's name and address are already checked names. */
    static String changeBatch(DnsRecord record, String address) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<ChangeResourceRecordSetsRequest xmlns=\"https://route53.amazonaws.com/doc/2013-04-01/\">"
                + "<ChangeBatch><Comment>Revive re-provision</Comment><Changes><Change><Action>UPSERT</Action>"
                + "<ResourceRecordSet><Name>" + xml(record.name()) + "</Name><Type>A</Type><TTL>" + record.ttl()
                + "</TTL><ResourceRecords><ResourceRecord><Value>" + xml(address) + "</Value></ResourceRecord>"
                + "</ResourceRecords></ResourceRecordSet></Change></Changes></ChangeBatch>"
                + "</ChangeResourceRecordSetsRequest>";
    }

    private static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
