package dev.revive.policy.signal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.reactive.messaging.Channel;

import com.fasterxml.jackson.databind.JsonNode;

import dev.revive.common.contract.ProbeResult;
import dev.revive.common.contract.TargetSpec;
import dev.revive.common.envelope.Envelope;
import dev.revive.common.envelope.Json;
import dev.revive.common.messaging.EnvelopeMessages;
import dev.revive.common.validation.ValidationException;
import dev.revive.common.validation.Violation;
import dev.revive.policy.config.PolicyConfig;
import dev.revive.policy.registry.TargetRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;

/**
 * Prometheus Alertmanager's webhook receiver ({@code webhook_configs}, payload version 4). Each alert names its target
 * by a label ({@code revive.signals.target-label}, default {@code revive_target}); for a target whose
 * {@code detection.signals} lists {@code alertmanager}, a firing alert becomes a SIGNAL result of location
 * {@code alertmanager} on {@code revive.health} (keyed by the target, so the policy instance that owns the target's
 * detection reads it), a resolved one its UP. The result's id is the alert's fingerprint, start and status, so
 * Alertmanager's repeats count once. Authentication: an operator API key as bearer token
 * ({@code http_config.authorization}). Anything unreadable is a 400 naming the field, and nothing is published.
 */
@Path("/signals/alertmanager")
public class AlertmanagerResource {

    public static final String SOURCE = "alertmanager";
    static final int MAX_ALERTS = 1_000;

    @Inject
    TargetRegistry registry;
    @Inject
    PolicyConfig config;
    @Inject
    @Channel("signals")
    MutinyEmitter<byte[]> emitter;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Alertmanager webhook", description = "Firing and resolved alerts for targets whose detection.signals "
            + "lists alertmanager, matched by the target label; each counts as one more location in detection (a firing "
            + "alert can complete a quorum of probes; alone it opens an incident only where the target sets its quorum). "
            + "Operator role.")
    public Uni<Response> receive(String body) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body == null ? "" : body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ValidationException(List.of(new Violation("$", "not valid JSON: " + e.getOriginalMessage())));
        }
        List<Alert> alerts = read(root);
        String label = config.signals().targetLabel();
        return registry.ready().chain(() -> {
            List<Map<String, Object>> ignored = new ArrayList<>();
            List<Uni<Void>> sends = new ArrayList<>();
            Instant now = Instant.now();
            for (int i = 0; i < alerts.size(); i++) {
                Alert a = alerts.get(i);
                String targetId = a.labels().get(label);
                TargetSpec t = targetId == null ? null : registry.get(targetId);
                String why = targetId == null ? "no label " + label : t == null ? "no target " + targetId
                        : !t.detection().effectiveSignals().contains(SOURCE) ? "target " + targetId + " takes no alertmanager signals (detection.signals)"
                        : null;
                if (why != null) {
                    ignored.add(Map.of("index", i, "reason", why));
                    continue;
                }
                ProbeResult r = new ProbeResult(SOURCE + ":" + a.fingerprint() + ":" + a.startsAt() + ":" + a.status(), targetId, SOURCE,
                        SOURCE, now.toEpochMilli(), now, 0, a.firing() ? ProbeResult.Outcome.DOWN : ProbeResult.Outcome.UP,
                        ProbeResult.ErrorClass.SIGNAL, null, null, null, null, a.describe());
                Envelope<ProbeResult> e = Envelope.of(r.id(), r, "/revive/policy/signals/alertmanager", targetId, now);
                sends.add(emitter.sendMessage(EnvelopeMessages.toMessage(e)));
            }
            Uni<Void> all = sends.isEmpty() ? Uni.createFrom().voidItem() : Uni.join().all(sends).andFailFast().replaceWithVoid();
            return all.map(x -> {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("accepted", sends.size());
                out.put("ignored", ignored);
                return Response.accepted(out).build();
            });
        });
    }

    /** One alert of the payload, as far as Revive reads it. */
    record Alert(String status, Map<String, String> labels, String fingerprint, String startsAt, String summary) {
        boolean firing() {
            return "firing".equals(status);
        }

        String describe() {
            String name = labels.getOrDefault("alertname", "alert");
            String text = name + (summary == null ? "" : ": " + summary);
            return text.length() > 256 ? text.substring(0, 256) : text;
        }
    }

    static List<Alert> read(JsonNode root) {
        List<Violation> bad = new ArrayList<>();
        if (root == null || !root.isObject()) {
            throw new ValidationException(List.of(new Violation("$", "must be Alertmanager's webhook payload (an object)")));
        }
        JsonNode version = root.get("version");
        if (version != null && !"4".equals(version.asText())) {
            bad.add(new Violation("version", "must be 4 (Alertmanager's webhook payload version)"));
        }
        JsonNode list = root.get("alerts");
        if (list == null || !list.isArray()) {
            throw new ValidationException(List.of(new Violation("alerts", "must be a list of alerts")));
        }
        if (list.size() > MAX_ALERTS) {
            throw new ValidationException(List.of(new Violation("alerts", "must have at most " + MAX_ALERTS + " entries")));
        }
        List<Alert> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode a = list.get(i);
            String p = "alerts[" + i + "]";
            String status = text(a, "status");
            if (!"firing".equals(status) && !"resolved".equals(status)) {
                bad.add(new Violation(p + ".status", "must be firing or resolved"));
            }
            JsonNode labels = a == null ? null : a.get("labels");
            Map<String, String> l = new LinkedHashMap<>();
            if (labels == null || !labels.isObject()) {
                bad.add(new Violation(p + ".labels", "must be an object of label names and values"));
            } else {
                Iterator<Map.Entry<String, JsonNode>> it = labels.fields();
                while (it.hasNext()) {
                    var e = it.next();
                    if (l.size() < 64 && e.getValue().isTextual() && e.getValue().asText().length() <= 1024) {
                        l.put(e.getKey(), e.getValue().asText());
                    }
                }
            }
            String fingerprint = text(a, "fingerprint");
            if (fingerprint == null || fingerprint.isBlank() || fingerprint.length() > 64) {
                bad.add(new Violation(p + ".fingerprint", "is required (1-64 characters)"));
            }
            String startsAt = text(a, "startsAt");
            try {
                Instant.parse(startsAt == null ? "" : startsAt);
            } catch (RuntimeException e) {
                bad.add(new Violation(p + ".startsAt", "must be an RFC 3339 time"));
            }
            JsonNode ann = a == null ? null : a.get("annotations");
            String summary = ann != null && ann.isObject() ? text(ann, "summary") : null;
            out.add(new Alert(status, l, fingerprint, startsAt, summary));
        }
        if (!bad.isEmpty()) {
            throw new ValidationException(bad);
        }
        return out;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n == null ? null : n.get(field);
        return v == null || !v.isTextual() ? null : v.asText();
    }
}
