package dev.revive.deploy.manifests;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.deser.BeanDeserializerBuilder;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

/**
 * Each rendered object parsed into fabric8's typed model (8.x, on Jackson 3) for the apiVersion and kind it
 * declares, the way the API server would decode it with {@code fieldValidation=Strict}: a field the model does not
 * have, a string where a number belongs (or the reverse), a duplicate key, or an apiVersion/kind pair Revive does not
 * ship is a problem. fabric8's models keep unknown fields in an {@code additionalProperties} map through a
 * {@code @JsonAnySetter}; the mapper here removes that any-setter from every bean and fails on unknown properties.
 * Strimzi's kinds go to {@link StrimziSchemas}, with their metadata checked here.
 */
final class StrictModel {

    /** apiVersion/kind to the typed class. Anything else is rejected, so a mistyped apiVersion fails too. */
    static final Map<String, Class<?>> KINDS = Map.ofEntries(
            Map.entry("v1/Namespace", Namespace.class),
            Map.entry("v1/ConfigMap", ConfigMap.class),
            Map.entry("v1/Secret", Secret.class),
            Map.entry("v1/Service", Service.class),
            Map.entry("v1/ServiceAccount", ServiceAccount.class),
            Map.entry("apps/v1/Deployment", Deployment.class),
            Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class),
            Map.entry("rbac.authorization.k8s.io/v1/Role", Role.class),
            Map.entry("rbac.authorization.k8s.io/v1/RoleBinding", RoleBinding.class));

    private static final ObjectMapper JACKSON2 = new ObjectMapper();

    private static final JsonMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            // ConfigMap data, labels, env values: Kubernetes wants strings there; YAML's 8082 or true is not one.
            .withCoercionConfig(LogicalType.Textual, c -> c
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .addModule(new SimpleModule("revive-strict").setDeserializerModifier(new ValueDeserializerModifier() {
                @Override
                public BeanDeserializerBuilder updateBuilder(DeserializationConfig config, BeanDescription.Supplier bean,
                        BeanDeserializerBuilder builder) {
                    builder.setAnySetter(null);
                    return builder;
                }
            }))
            .build();

    private StrictModel() {
    }

    static String key(JsonNode doc) {
        return doc.path("apiVersion").asText("") + "/" + doc.path("kind").asText("");
    }

    static String name(JsonNode doc) {
        return key(doc) + " " + doc.path("metadata").path("name").asText("?");
    }

    /** Problems of every document: typed kinds through fabric8, Strimzi's through their CRD schemas. */
    static List<String> problems(String where, List<JsonNode> docs) {
        List<String> out = new ArrayList<>();
        for (JsonNode d : docs) {
            out.addAll(problems(where, d));
        }
        return out;
    }

    static List<String> problems(String where, JsonNode doc) {
        String key = key(doc);
        String at = where + " " + name(doc) + ": ";
        Class<?> type = KINDS.get(key);
        if (type != null) {
            String p = parse(doc, type);
            return p == null ? List.of() : List.of(at + p);
        }
        if (StrimziSchemas.covers(doc)) {
            List<String> out = new ArrayList<>();
            String meta = parse(doc.path("metadata"), ObjectMeta.class);
            if (meta != null) {
                out.add(at + "metadata: " + meta);
            }
            StrimziSchemas.problems(doc).forEach(p -> out.add(at + p));
            return out;
        }
        return List.of(at + "no typed model for apiVersion/kind " + key + " (known: " + new java.util.TreeSet<>(KINDS.keySet())
                + " and Strimzi's " + StrimziSchemas.KINDS + ")");
    }

    /** @return null when {@code node} is a valid {@code type}, else what is wrong (with the JSON path) */
    static String parse(JsonNode node, Class<?> type) {
        try {
            STRICT.readValue(JACKSON2.writeValueAsString(node), type);
            return null;
        } catch (MismatchedInputException e) {
            return e.getOriginalMessage() + " at " + e.getPathReference();
        } catch (Exception e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }
}
