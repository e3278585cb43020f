package dev.revive.deploy.manifests;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The actuator's Kubernetes access: what RolloutRestartDriver calls (GET a Deployment, PATCH its pod template) on
 * named Deployments of one namespace, nothing cluster-wide, and no other ServiceAccount bound to anything.
 */
final class RbacChecks {

    static final String ACTUATOR_ACCOUNT = "revive-actuator";
    static final String ACTUATOR_DEPLOYMENT = "revive-actuator";
    static final Set<String> VERBS = Set.of("get", "patch");

    private RbacChecks() {
    }

    static List<String> check(String where, List<JsonNode> docs) {
        List<String> out = new ArrayList<>();
        for (JsonNode d : docs) {
            String kind = d.path("kind").asText();
            if (kind.equals("ClusterRole") || kind.equals("ClusterRoleBinding")) {
                out.add(where + ": " + kind + " " + d.path("metadata").path("name").asText() + " (Revive needs no cluster-wide access)");
            }
        }
        List<JsonNode> bindings = docs.stream().filter(d -> d.path("kind").asText().equals("RoleBinding")).toList();
        boolean actuatorBound = false;
        for (JsonNode b : bindings) {
            String name = b.path("metadata").path("name").asText();
            for (JsonNode s : b.path("subjects")) {
                if (!s.path("kind").asText().equals("ServiceAccount") || !s.path("name").asText().equals(ACTUATOR_ACCOUNT)) {
                    out.add(where + ": RoleBinding " + name + " binds " + s.path("kind").asText() + " " + s.path("name").asText()
                            + " (only the actuator's ServiceAccount may be bound)");
                }
            }
            JsonNode ref = b.path("roleRef");
            if (!ref.path("kind").asText().equals("Role")) {
                out.add(where + ": RoleBinding " + name + " refers to a " + ref.path("kind").asText() + ", not a Role");
                continue;
            }
            var role = docs.stream().filter(d -> d.path("kind").asText().equals("Role"))
                    .filter(d -> d.path("metadata").path("name").asText().equals(ref.path("name").asText())).findFirst();
            if (role.isEmpty()) {
                out.add(where + ": RoleBinding " + name + " refers to Role " + ref.path("name").asText() + ", which is not rendered");
                continue;
            }
            actuatorBound = true;
            out.addAll(rules(where + " Role " + ref.path("name").asText(), role.get(), docs));
        }
        if (!actuatorBound) {
            out.add(where + ": no RoleBinding gives ServiceAccount " + ACTUATOR_ACCOUNT + " a Role (the kubernetes driver needs one)");
        }
        return out;
    }

    private static List<String> rules(String where, JsonNode role, List<JsonNode> docs) {
        List<String> out = new ArrayList<>();
        if (role.path("rules").isEmpty()) {
            out.add(where + ": no rules");
        }
        for (JsonNode r : role.path("rules")) {
            if (!texts(r.path("apiGroups")).equals(List.of("apps")) || !texts(r.path("resources")).equals(List.of("deployments"))) {
                out.add(where + ": a rule on " + r.path("apiGroups") + " " + r.path("resources") + "; only apps/deployments");
            }
            List<String> verbs = texts(r.path("verbs"));
            if (verbs.isEmpty() || !VERBS.containsAll(verbs)) {
                out.add(where + ": verbs " + verbs + "; only " + VERBS + " (RolloutRestartDriver reads and patches)");
            }
            List<String> names = texts(r.path("resourceNames"));
            if (names.isEmpty()) {
                out.add(where + ": no resourceNames: every Deployment of the namespace could be restarted");
            }
            if (names.contains(ACTUATOR_DEPLOYMENT)) {
                out.add(where + ": the actuator may restart itself (mid-command)");
            }
            if (names.contains("*") || !r.path("nonResourceURLs").isEmpty()) {
                out.add(where + ": wildcard or non-resource URLs");
            }
        }
        return out;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
