package dev.revive.notifier.channel.webhook;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import dev.revive.notifier.channel.SendException;

/** POSTs JSON and sorts the outcome into delivered, worth retrying, or not. */
final class HttpPoster {

    private final HttpClient client;
    private final Duration timeout;

    HttpPoster(Duration timeout) {
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
        this.timeout = timeout;
    }

    /** @return the response body */
    String post(String what, String url, byte[] body, Map<String, String> headers) throws SendException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", "revive-notifier")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(b::header);
        HttpResponse<String> r;
        try {
            r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw SendException.transientFailure(what + " unreachable: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw SendException.transientFailure(what + " interrupted", e);
        }
        if (r.statusCode() / 100 != 2) {
            throw SendException.fromHttpStatus(what, r.statusCode(), r.body());
        }
        return r.body();
    }
}
