package dev.revive.deploy.manifests;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * Strimzi's custom resources against the openAPIV3Schema of Strimzi's own CustomResourceDefinitions (0.49.0,
 * version v1beta2; src/test/resources/strimzi, provenance in its README). The API server prunes or (with strict
 * field validation) rejects fields a structural schema does not declare; a JSON Schema validator does neither, so
 * every object schema with {@code properties} gets {@code additionalProperties: false} here, except where the CRD
 * says {@code x-kubernetes-preserve-unknown-fields} (a KafkaTopic's free-form {@code config}, for one).
 */
final class StrimziSchemas {

    static final String GROUP = "kafka.strimzi.io";
    static final String VERSION = "v1beta2";
    static final List<String> KINDS = List.of("Kafka", "KafkaNodePool", "KafkaTopic", "KafkaUser");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, JsonSchema> SCHEMAS = load();

    private StrimziSchemas() {
    }

    static boolean covers(JsonNode doc) {
        return doc.path("apiVersion").asText().startsWith(GROUP + "/");
    }

    static List<String> problems(JsonNode doc) {
        String apiVersion = doc.path("apiVersion").asText();
        String kind = doc.path("kind").asText();
        JsonSchema schema = SCHEMAS.get(kind);
        if (schema == null || !apiVersion.equals(GROUP + "/" + VERSION)) {
            return List.of("no Strimzi schema for " + apiVersion + " " + kind + " (have " + GROUP + "/" + VERSION + " "
                    + SCHEMAS.keySet() + ")");
        }
        Set<ValidationMessage> messages = schema.validate(doc);
        return messages.stream().map(ValidationMessage::getMessage).sorted().toList();
    }

    /** The raw schema of one kind as shipped (before additionalProperties is tightened), for tests. */
    static JsonNode rawSchema(String kind) {
        return read(kind).path("openAPIV3Schema");
    }

    private static JsonNode read(String kind) {
        String resource = "/strimzi/" + kind.toLowerCase() + "-" + VERSION + ".json";
        try (InputStream in = StrimziSchemas.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " not on the test classpath");
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, JsonSchema> load() {
        JsonMetaSchema base = JsonMetaSchema.getV4();
        // Kubernetes' structural-schema extensions: meaningful to the API server, no JSON Schema validation of their own.
        JsonMetaSchema openApi = JsonMetaSchema.builder(base)
                .keyword(new NonValidationKeyword("nullable"))
                .keyword(new NonValidationKeyword("x-kubernetes-preserve-unknown-fields"))
                .keyword(new NonValidationKeyword("x-kubernetes-int-or-string"))
                .keyword(new NonValidationKeyword("x-kubernetes-list-type"))
                .keyword(new NonValidationKeyword("x-kubernetes-list-map-keys"))
                .keyword(new NonValidationKeyword("x-kubernetes-map-type"))
                .keyword(new NonValidationKeyword("x-kubernetes-validations"))
                .keyword(new NonValidationKeyword("x-kubernetes-embedded-resource"))
                .build();
        JsonSchemaFactory factory = JsonSchemaFactory.builder(JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4))
                .metaSchema(openApi).defaultMetaSchemaIri(openApi.getIri()).build();
        Map<String, JsonSchema> out = new TreeMap<>();
        for (String kind : KINDS) {
            JsonNode file = read(kind);
            if (!file.path("kind").asText().equals(kind) || !file.path("version").asText().equals(VERSION)
                    || !file.path("served").asBoolean(false)) {
                throw new IllegalStateException("strimzi schema file of " + kind + " is not a served " + VERSION + " " + kind);
            }
            ObjectNode schema = file.path("openAPIV3Schema").deepCopy();
            closeObjects(schema);
            // apiVersion and kind are free strings in the CRD; the API server routes on them, so pin them here.
            ((ObjectNode) schema.path("properties").path("apiVersion")).set("enum",
                    JSON.createArrayNode().add(GROUP + "/" + VERSION));
            ((ObjectNode) schema.path("properties").path("kind")).set("enum", JSON.createArrayNode().add(kind));
            ArrayNode required = schema.has("required") ? (ArrayNode) schema.get("required") : schema.putArray("required");
            required.add("apiVersion").add("kind").add("metadata").add("spec");
            out.put(kind, factory.getSchema(schema));
        }
        return out;
    }

    /**
     * additionalProperties: false on every object schema that lists its properties and does not preserve unknowns.
     * The branches of oneOf/anyOf/allOf/not only constrain (which of the properties must be there), so they stay open.
     */
    static void closeObjects(JsonNode node) {
        closeObjects(node, false);
    }

    private static void closeObjects(JsonNode node, boolean branch) {
        if (node instanceof ObjectNode o) {
            if (!branch && o.has("properties") && !o.has("additionalProperties")
                    && !o.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
                o.put("additionalProperties", false);
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext();) {
                var e = it.next();
                boolean combinator = Set.of("oneOf", "anyOf", "allOf", "not").contains(e.getKey());
                if (e.getValue() instanceof ArrayNode a) {
                    a.forEach(item -> closeObjects(item, combinator));
                } else {
                    closeObjects(e.getValue(), combinator);
                }
            }
        }
    }
}
