package dev.revive.systemtest.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The policy service's REST API as the tests use it. The admin API key goes on every call (reads included: anonymous
 * reads may be switched off).
 */
public final class PolicyApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EV = "dev.revive.incident.";

    private final String base;
    private final String key;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    PolicyApi(String base, String key) {
        this.base = base;
        this.key = key;
    }

    /** One incident as {@code GET /incidents/{id}} shows it. */
    public record Incident(String id, String phase, Instant openedAt, List<Event> timeline) {

        public boolean has(String eventSuffix) {
            return timeline.stream().anyMatch(e -> e.type().endsWith(eventSuffix));
        }

        /** When the first event of this type happened, if it did. */
        public Optional<Instant> first(String eventSuffix) {
            return timeline.stream().filter(e -> e.type().endsWith(eventSuffix)).map(Event::at).findFirst();
        }
    }

    /** One timeline entry: {@code type} is the wire name, e.g. {@code dev.revive.incident.step-started.v1}. */
    public record Event(String type, Instant at, String text) {

        public String shortType() {
            return type.replace(EV, "").replace(".v1", "");
        }
    }

    public JsonNode put(String path, String body) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).PUT(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json"));
    }

    public JsonNode post(String path, String body) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json"));
    }

    public JsonNode get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    /** The demo target's detection verdict is UP and it has no open incident. */
    public boolean steady(String targetId) {
        try {
            JsonNode st = get("/targets/" + targetId + "/status");
            return "UP".equals(st.path("verdict").asText()) && st.path("openIncident").isNull();
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The target's incidents opened at or after {@code since} (one second of clock slack), oldest first. */
    public List<Incident> incidentsSince(String targetId, Instant since) {
        List<Incident> out = new ArrayList<>();
        for (JsonNode row : get("/incidents?target=" + targetId)) {
            Instant opened = Instant.parse(row.path("openedAt").asText());
            if (!opened.isBefore(since.minusSeconds(1))) {
                out.add(new Incident(row.path("id").asText(), row.path("phase").asText(), opened, List.of()));
            }
        }
        out.sort(Comparator.comparing(Incident::openedAt));
        return out;
    }

    public Incident incident(String id) {
        JsonNode n = get("/incidents/" + id);
        List<Event> timeline = new ArrayList<>();
        for (JsonNode e : n.path("timeline")) {
            timeline.add(new Event(e.path("type").asText(), Instant.parse(e.path("at").asText()), e.path("text").asText()));
        }
        return new Incident(n.path("id").asText(id), n.path("phase").asText(),
                n.hasNonNull("openedAt") ? Instant.parse(n.path("openedAt").asText()) : null, timeline);
    }

    private JsonNode send(HttpRequest.Builder request) {
        HttpRequest r = request.timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + key)
                .header("Accept", "application/json").build();
        try {
            HttpResponse<String> res = http.send(r, HttpResponse.BodyHandlers.ofString());
            if (res.statusCode() / 100 != 2) {
                throw new ApiException(r.method() + " " + r.uri().getPath() + " answered " + res.statusCode() + ": " + res.body());
            }
            return res.body().isBlank() ? JSON.nullNode() : JSON.readTree(res.body());
        } catch (IOException e) {
            throw new ApiException(r.method() + " " + r.uri() + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException("interrupted");
        }
    }

    /** A call that failed or did not answer 2xx (the policy service may be down on purpose). */
    public static final class ApiException extends RuntimeException {
        ApiException(String message) {
            super(message);
        }
    }
}
