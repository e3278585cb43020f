package dev.revive.deploy.manifests;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the NetworkPolicies let one workload do, worked out from its pod labels as a CNI would: default deny both
 * ways, its HTTP port open, egress to DNS, to the Kafka port of its KAFKA_BOOTSTRAP_SERVERS and (with a database) to
 * the port of its JDBC URL, and no allow-everything egress except for the prober, whose targets are anywhere.
 */
final class NetworkPolicyChecks {

    static final String OPEN_EGRESS = "prober";
    private static final Pattern HOST_PORT = Pattern.compile("^(?:[a-z]+:)*(?://)?[^/:,]+:(\\d+)");

    private NetworkPolicyChecks() {
    }

    static List<String> check(String where, List<JsonNode> docs, String svc, JsonNode podLabels,
            Map<String, Integer> namedPorts, int httpPort, Map<String, String> env, boolean database) {
        List<String> out = new ArrayList<>();
        List<JsonNode> selecting = docs.stream().filter(d -> d.path("kind").asText().equals("NetworkPolicy"))
                .filter(d -> selects(d.path("spec").path("podSelector"), podLabels)).toList();
        boolean denyIn = selecting.stream().anyMatch(p -> types(p).contains("Ingress") && p.path("spec").path("ingress").isEmpty());
        boolean denyOut = selecting.stream().anyMatch(p -> types(p).contains("Egress") && p.path("spec").path("egress").isEmpty());
        if (!denyIn || !denyOut) {
            out.add(where + ": no default-deny NetworkPolicy (Ingress and Egress, no rules) selects its pods");
        }
        List<JsonNode> ingress = rules(selecting, "Ingress", "ingress");
        List<JsonNode> egress = rules(selecting, "Egress", "egress");
        if (ingress.stream().noneMatch(r -> allowsPort(r, "TCP", httpPort, namedPorts))) {
            out.add(where + ": no NetworkPolicy lets traffic in to its HTTP port " + httpPort);
        }
        if (egress.stream().noneMatch(r -> allowsPort(r, "UDP", 53, Map.of()))) {
            out.add(where + ": no NetworkPolicy lets it reach DNS (UDP 53)");
        }
        portOf(env.get("KAFKA_BOOTSTRAP_SERVERS")).ifPresentOrElse(kafka -> {
            if (egress.stream().noneMatch(r -> allowsPort(r, "TCP", kafka, Map.of()))) {
                out.add(where + ": no NetworkPolicy lets it reach Kafka on " + kafka + " (KAFKA_BOOTSTRAP_SERVERS)");
            }
        }, () -> out.add(where + ": KAFKA_BOOTSTRAP_SERVERS has no port to check the egress against"));
        if (database) {
            Optional<Integer> db = env.entrySet().stream().filter(e -> e.getKey().endsWith("_DB_JDBC_URL"))
                    .map(e -> portOf(e.getValue())).flatMap(Optional::stream).findFirst();
            if (db.isEmpty()) {
                out.add(where + ": no *_DB_JDBC_URL with a port to check the egress against");
            } else if (egress.stream().noneMatch(r -> allowsPort(r, "TCP", db.get(), Map.of()))) {
                out.add(where + ": no NetworkPolicy lets it reach PostgreSQL on " + db.get());
            }
        } else if (!svc.equals(OPEN_EGRESS) && egress.stream().anyMatch(r -> allowsPort(r, "TCP", 5432, Map.of()))) {
            out.add(where + ": may reach PostgreSQL (5432) without having a database");
        }
        if (!svc.equals(OPEN_EGRESS) && egress.stream().anyMatch(r -> r.path("ports").isEmpty())) {
            out.add(where + ": an egress rule with no ports (anything goes); only the prober needs that");
        }
        return out;
    }

    static Optional<Integer> portOf(String address) {
        if (address == null) {
            return Optional.empty();
        }
        Matcher m = HOST_PORT.matcher(address.replaceFirst("^jdbc:", "").replaceFirst("^[a-z]+://", ""));
        return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
    }

    private static List<String> types(JsonNode policy) {
        List<String> t = new ArrayList<>();
        policy.path("spec").path("policyTypes").forEach(n -> t.add(n.asText()));
        return t;
    }

    private static List<JsonNode> rules(List<JsonNode> policies, String type, String field) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode p : policies) {
            if (types(p).contains(type)) {
                p.path("spec").path(field).forEach(out::add);
            }
        }
        return out;
    }

    /** A rule with no ports allows every port; a named port is resolved against the container's ports. */
    private static boolean allowsPort(JsonNode rule, String protocol, int port, Map<String, Integer> named) {
        if (rule.path("ports").isEmpty()) {
            return true;
        }
        for (JsonNode p : rule.path("ports")) {
            if (!p.path("protocol").asText("TCP").equals(protocol)) {
                continue;
            }
            JsonNode n = p.path("port");
            if (n.isMissingNode()) {
                return true;
            }
            Integer resolved = n.isInt() ? Integer.valueOf(n.asInt()) : named.get(n.asText());
            int end = p.path("endPort").asInt(resolved == null ? -1 : resolved);
            if (resolved != null && port >= resolved && port <= end) {
                return true;
            }
        }
        return false;
    }

    /** A LabelSelector (matchLabels and matchExpressions In/NotIn/Exists/DoesNotExist) against pod labels; {} matches all. */
    static boolean selects(JsonNode selector, JsonNode labels) {
        if (selector.isMissingNode()) {
            return false;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = selector.path("matchLabels").fields(); it.hasNext();) {
            var e = it.next();
            if (!e.getValue().asText().equals(labels.path(e.getKey()).asText(null))) {
                return false;
            }
        }
        for (JsonNode x : selector.path("matchExpressions")) {
            String value = labels.path(x.path("key").asText()).asText(null);
            List<String> values = new ArrayList<>();
            x.path("values").forEach(v -> values.add(v.asText()));
            boolean ok = switch (x.path("operator").asText()) {
                case "In" -> value != null && values.contains(value);
                case "NotIn" -> value == null || !values.contains(value);
                case "Exists" -> value != null;
                case "DoesNotExist" -> value == null;
                default -> false;
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
