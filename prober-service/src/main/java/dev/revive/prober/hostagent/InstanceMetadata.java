package dev.revive.prober.hostagent;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The EC2 instance id from the instance metadata service (IMDSv2: a session token, then the id). */
public final class InstanceMetadata {

    private InstanceMetadata() {
    }

    /** The instance id, or null when there is no metadata service (not on EC2). */
    public static String instanceId(String endpoint) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        try {
            String token = http.send(HttpRequest.newBuilder(URI.create(endpoint + "/latest/api/token"))
                    .timeout(Duration.ofSeconds(2))
                    .header("X-aws-ec2-metadata-token-ttl-seconds", "300")
                    .PUT(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()).body();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(endpoint + "/latest/meta-data/instance-id"))
                    .timeout(Duration.ofSeconds(2))
                    .header("X-aws-ec2-metadata-token", token).GET().build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? r.body().trim() : null;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return null;
        }
    }
}
