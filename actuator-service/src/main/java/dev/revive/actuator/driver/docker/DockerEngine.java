package dev.revive.actuator.driver.docker;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.channels.ClosedByInterruptException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import dev.revive.common.envelope.Json;

/**
 * The two calls of the Docker Engine API the actuator makes, at a fixed API version (so that the engine answers in
 * the shape this code reads): inspect and restart. Blocking; an interrupt ends a call with InterruptedException.
 */
public final class DockerEngine {

    private final UnixSocketHttp http;
    private final String apiVersion;
    private final Duration requestTimeout;

    public DockerEngine(UnixSocketHttp http, String apiVersion, Duration requestTimeout) {
        this.http = http;
        this.apiVersion = apiVersion;
        this.requestTimeout = requestTimeout;
    }

    /** {@code GET /containers/{nameOrId}/json}; empty when the engine has no such container (404). */
    public Optional<ContainerState> inspect(String nameOrId) throws IOException, DockerApiException, InterruptedException {
        String path = "/" + apiVersion + "/containers/" + encode(nameOrId) + "/json";
        HttpResponse r = send("GET", path, requestTimeout);
        if (r.status() == 404) {
            return Optional.empty();
        }
        if (!r.ok()) {
            throw error("GET " + path, r);
        }
        return Optional.of(parse(r.body()));
    }

    /**
     * {@code POST /containers/{id}/restart?t=N}: the engine stops the container (SIGTERM, SIGKILL after {@code
     * stopTimeoutSeconds}) and starts it, and answers 204 when it has started again.
     */
    public void restart(String id, int stopTimeoutSeconds) throws IOException, DockerApiException, InterruptedException {
        String path = "/" + apiVersion + "/containers/" + encode(id) + "/restart?t=" + stopTimeoutSeconds;
        // The answer comes after the stop (up to t seconds) and the start.
        HttpResponse r = send("POST", path, requestTimeout.plusSeconds(stopTimeoutSeconds));
        if (!r.ok()) {
            throw error("POST " + path, r);
        }
    }

    private HttpResponse send(String method, String path, Duration timeout) throws IOException, InterruptedException {
        try {
            return http.send(method, path, timeout);
        } catch (ClosedByInterruptException e) {
            InterruptedException ie = new InterruptedException(method + " " + path + " interrupted");
            ie.initCause(e);
            throw ie;
        }
    }

    static ContainerState parse(byte[] json) throws IOException {
        JsonNode n = Json.MAPPER.readTree(json);
        String id = n.path("Id").asText("");
        if (id.isEmpty()) {
            throw new IOException("container inspect answer without an Id");
        }
        String name = n.path("Name").asText("");
        Map<String, String> labels = new LinkedHashMap<>();
        JsonNode l = n.path("Config").path("Labels");
        if (l.isObject()) {
            l.properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
        }
        JsonNode s = n.path("State");
        return new ContainerState(id, name.startsWith("/") ? name.substring(1) : name, Map.copyOf(labels),
                s.path("Status").asText(""), s.path("Running").asBoolean(false), s.path("StartedAt").asText(""));
    }

    /** The engine's errors are {@code {"message": "..."}}; anything else is shown as it came, cut short. */
    static DockerApiException error(String request, HttpResponse r) {
        String text = r.bodyText().trim();
        String message = text;
        try {
            JsonNode m = Json.MAPPER.readTree(text).path("message");
            if (m.isTextual()) {
                message = m.asText();
            }
        } catch (IOException | RuntimeException e) {
            // not JSON: keep the raw text
        }
        if (message.isEmpty()) {
            message = r.reason().isEmpty() ? "(no message)" : r.reason();
        }
        if (message.length() > 500) {
            message = message.substring(0, 500) + "...";
        }
        return new DockerApiException(request, r.status(), message);
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8);
    }
}
