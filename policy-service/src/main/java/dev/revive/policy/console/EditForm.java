package dev.revive.policy.console;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.MultivaluedMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import dev.revive.common.contract.TargetSpec;
import dev.revive.common.envelope.Json;
import dev.revive.common.validation.Violation;
import dev.revive.policy.api.ErrorMappers;

/**
 * The target editor's fields. The common ones are inputs named by their JSON path ({@code probe.url}); the rest of the
 * spec (recovery ladder, notifications, AWS instance, drill) is YAML in {@code advanced}. The API's violations name
 * JSON paths too, so each error is shown at the input it belongs to ({@link #fieldFor}).
 */
public record EditForm(Map<String, String> values) {

    /** The inputs, by JSON path, in the order the form shows them. */
    static final List<String> FIELDS = List.of("id", "name", "tags", "probe.kind", "probe.url", "probe.host", "probe.port",
            "probe.intervalMs", "probe.timeoutMs", "probe.bodyMustContain", "detection.failureThreshold",
            "detection.recoveryThreshold", "statusPage.group", "statusPage.displayName");
    private static final List<String> NUMBERS = List.of("probe.port", "probe.intervalMs", "probe.timeoutMs",
            "detection.failureThreshold", "detection.recoveryThreshold");
    private static final YAMLMapper YAML = new YAMLMapper(YAMLFactory.builder().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).build());
    /** Reads the assembled spec as the API reads a body: unknown fields refused, numbers not taken from text. */
    private static final com.fasterxml.jackson.databind.ObjectMapper STRICT =
            dev.revive.common.validation.StrictJson.strict(Json.configure(new com.fasterxml.jackson.databind.ObjectMapper()), false);

    /** One input as the editor shows it. */
    public record Field(String name, String inputId, String label, String value, String error, List<String> choices) {
    }

    private static final Map<String, String> LABELS = Map.ofEntries(Map.entry("id", "Id (a-z, 0-9, . _ -)"),
            Map.entry("name", "Name"), Map.entry("tags", "Tags (comma-separated; the first groups the list)"),
            Map.entry("probe.kind", "Probe kind"), Map.entry("probe.url", "URL (HTTP, content drift)"),
            Map.entry("probe.host", "Host (TCP)"), Map.entry("probe.port", "Port (TCP)"),
            Map.entry("probe.intervalMs", "Interval (ms)"), Map.entry("probe.timeoutMs", "Timeout (ms)"),
            Map.entry("probe.bodyMustContain", "Body must contain"), Map.entry("detection.failureThreshold", "Failures before down"),
            Map.entry("detection.recoveryThreshold", "Successes before up"), Map.entry("statusPage.group", "Status page group"),
            Map.entry("statusPage.displayName", "Status page name"));

    /** The inputs with their values and the errors found for them. */
    public List<Field> fields(Map<String, String> errors) {
        List<Field> out = new ArrayList<>();
        for (String f : FIELDS) {
            out.add(new Field(f, f.replace('.', '-'), LABELS.getOrDefault(f, f), get(f), errors.get(f),
                    f.equals("probe.kind") ? Arrays.stream(TargetSpec.ProbeKind.values()).map(Enum::name).toList() : null));
        }
        return out;
    }

    public String get(String field) {
        return values.getOrDefault(field, "");
    }

    static EditForm empty() {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("probe.kind", "HTTP");
        v.put("advanced", "recovery:\n  graceSeconds: 60\n  steps:\n    - action: notify-only\n");
        return new EditForm(v);
    }

    static EditForm from(MultivaluedMap<String, String> form) {
        Map<String, String> v = new LinkedHashMap<>();
        for (String f : FIELDS) {
            String s = form.getFirst(f);
            if (s != null) {
                v.put(f, s);
            }
        }
        v.put("advanced", form.getFirst("advanced") == null ? "" : form.getFirst("advanced"));
        v.put("statusPage.listed", "on".equals(form.getFirst("statusPage.listed")) ? "on" : "");
        return new EditForm(v);
    }

    static EditForm of(TargetSpec t) {
        ObjectNode tree = Json.MAPPER.valueToTree(t);
        Map<String, String> v = new LinkedHashMap<>();
        for (String f : FIELDS) {
            JsonNode n = at(tree, f);
            if (n != null && !n.isNull()) {
                v.put(f, n.isArray() ? String.join(", ", stream(n)) : n.asText());
            }
            remove(tree, f);
        }
        v.put("statusPage.listed", t.listedPublicly() ? "on" : "");
        remove(tree, "statusPage.listed");
        for (String empty : List.of("probe", "detection", "statusPage")) {
            if (tree.get(empty) instanceof ObjectNode o && o.isEmpty()) {
                tree.remove(empty);
            }
        }
        try {
            v.put("advanced", tree.isEmpty() ? "" : YAML.writeValueAsString(tree));
        } catch (JsonProcessingException e) {
            v.put("advanced", "");
        }
        return new EditForm(v);
    }

    /** The spec the fields describe, or null with {@code bad} naming what could not be read. */
    TargetSpec toSpec(List<Violation> bad) {
        ObjectNode tree;
        try {
            JsonNode adv = YAML.readTree(get("advanced").isBlank() ? "{}" : get("advanced"));
            if (adv != null && !adv.isNull() && !adv.isObject()) {
                bad.add(new Violation("advanced", "must be YAML fields of a target (recovery:, notifications:, aws: ...)"));
                return null;
            }
            tree = adv == null || adv.isNull() ? Json.MAPPER.createObjectNode() : (ObjectNode) adv;
        } catch (JsonProcessingException e) {
            bad.add(new Violation("advanced", "not valid YAML: " + e.getOriginalMessage()));
            return null;
        }
        for (String f : FIELDS) {
            String s = get(f).trim();
            if (s.isEmpty()) {
                continue;
            }
            if (f.equals("tags")) {
                ArrayNode a = Json.MAPPER.createArrayNode();
                Arrays.stream(s.split(",")).map(String::trim).filter(x -> !x.isEmpty()).forEach(a::add);
                put(tree, f, a);
            } else if (NUMBERS.contains(f)) {
                try {
                    put(tree, f, Json.MAPPER.getNodeFactory().numberNode(Long.parseLong(s)));
                } catch (NumberFormatException e) {
                    bad.add(new Violation(f, "must be a whole number"));
                }
            } else {
                put(tree, f, Json.MAPPER.getNodeFactory().textNode(s));
            }
        }
        boolean listed = "on".equals(get("statusPage.listed"));
        if (listed || !get("statusPage.group").isBlank() || !get("statusPage.displayName").isBlank()) {
            put(tree, "statusPage.listed", Json.MAPPER.getNodeFactory().booleanNode(listed));
        }
        if (!bad.isEmpty()) {
            return null;
        }
        try {
            return STRICT.treeToValue(tree, TargetSpec.class);
        } catch (JsonProcessingException e) {
            String field = e instanceof JsonMappingException m && !m.getPath().isEmpty() ? ErrorMappers.path(m.getPath()) : "advanced";
            bad.add(new Violation(field, ErrorMappers.message(e)));
            return null;
        }
    }

    /** The input an error of the API belongs to: the field itself, its nearest listed parent, or the YAML box. */
    static String fieldFor(String path) {
        String p = path == null ? "$" : path;
        if (p.equals("$")) {
            return "$";
        }
        if (p.startsWith("tags")) {
            return "tags";
        }
        for (String f : FIELDS) {
            if (p.equals(f)) {
                return f;
            }
        }
        return "advanced";
    }

    private static JsonNode at(ObjectNode tree, String path) {
        JsonNode n = tree;
        for (String part : path.split("\\.")) {
            n = n == null ? null : n.get(part);
        }
        return n;
    }

    private static void put(ObjectNode tree, String path, JsonNode value) {
        String[] parts = path.split("\\.");
        ObjectNode n = tree;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode c = n.get(parts[i]);
            n = c instanceof ObjectNode o ? o : n.putObject(parts[i]);
        }
        n.set(parts[parts.length - 1], value);
    }

    private static void remove(ObjectNode tree, String path) {
        String[] parts = path.split("\\.");
        JsonNode n = tree;
        for (int i = 0; i < parts.length - 1; i++) {
            n = n == null ? null : n.get(parts[i]);
        }
        if (n instanceof ObjectNode o) {
            o.remove(parts[parts.length - 1]);
        }
    }

    private static List<String> stream(JsonNode a) {
        List<String> out = new ArrayList<>();
        a.forEach(x -> out.add(x.asText()));
        return out;
    }
}
