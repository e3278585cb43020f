package dev.revive.deploy.manifests;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.resource.PatternType;

import com.fasterxml.jackson.databind.JsonNode;

import dev.revive.common.bus.BusAcls;

/**
 * The ACLs outside Java (Strimzi KafkaUsers, the compose init's acls.txt) against {@link BusAcls}, as comparable lines
 * {@code user OPERATION RESOURCE PATTERN name}. Returns problems; an empty list is a pass.
 */
final class BusAclChecks {

    private BusAclChecks() {
    }

    static String line(String user, String operation, String resource, String pattern, String name) {
        return String.join(" ", user, operation.toUpperCase(Locale.ROOT), resource.toUpperCase(Locale.ROOT),
                pattern.toUpperCase(Locale.ROOT), name);
    }

    /** The table in common, one line per binding. */
    static Set<String> expected(BusAcls.Grant g) {
        Set<String> out = new TreeSet<>();
        for (AclBinding b : BusAcls.bindings(g)) {
            out.add(line(g.user(), b.entry().operation().name(), b.pattern().resourceType().name(),
                    b.pattern().patternType().name(), b.pattern().name()));
        }
        return out;
    }

    /** compose's acls.txt: {@code user OPERATION RESOURCE PATTERN name} per line, {@code #} comments. */
    static Set<String> fromAclList(List<String> lines, String user) {
        Set<String> out = new TreeSet<>();
        for (String raw : lines) {
            String l = raw.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            String[] f = l.split("\\s+");
            if (f.length == 5 && f[0].equals(user)) {
                out.add(line(f[0], f[1], f[2], f[3], f[4]));
            }
        }
        return out;
    }

    static Set<String> usersOfAclList(List<String> lines) {
        Set<String> out = new TreeSet<>();
        for (String raw : lines) {
            String l = raw.strip();
            if (!l.isEmpty() && !l.startsWith("#")) {
                out.add(l.split("\\s+")[0]);
            }
        }
        return out;
    }

    /** The KafkaUsers of the rendered documents: each one of the table, SCRAM, simple ACLs equal to the table's. */
    static List<String> kafkaUsers(String dir, List<JsonNode> docs) {
        List<String> out = new ArrayList<>();
        Set<String> seen = new TreeSet<>();
        for (JsonNode d : docs) {
            if (!d.path("kind").asText().equals("KafkaUser")) {
                continue;
            }
            String user = d.path("metadata").path("name").asText();
            String where = dir + " KafkaUser " + user;
            seen.add(user);
            var grant = BusAcls.of(user);
            if (grant.isEmpty()) {
                out.add(where + ": not a principal of dev.revive.common.bus.BusAcls");
                continue;
            }
            JsonNode spec = d.path("spec");
            if (!spec.path("authentication").path("type").asText().equals("scram-sha-512")) {
                out.add(where + ": authentication is not scram-sha-512");
            }
            if (!spec.path("authorization").path("type").asText().equals("simple")) {
                out.add(where + ": authorization is not simple");
            }
            Set<String> actual = new TreeSet<>();
            for (JsonNode acl : spec.path("authorization").path("acls")) {
                JsonNode r = acl.path("resource");
                String pattern = switch (r.path("patternType").asText("literal")) {
                    case "literal" -> PatternType.LITERAL.name();
                    case "prefix" -> PatternType.PREFIXED.name();
                    default -> "UNKNOWN-" + r.path("patternType").asText();
                };
                if (!acl.path("type").asText("allow").equals("allow") || !acl.path("host").asText("*").equals("*")) {
                    out.add(where + ": an ACL that is not 'allow from any host': " + acl);
                }
                List<String> ops = new ArrayList<>();
                acl.path("operations").forEach(o -> ops.add(o.asText()));
                if (acl.has("operation")) {
                    ops.add(acl.path("operation").asText());
                }
                for (String op : ops) {
                    actual.add(line(user, op, r.path("type").asText(), pattern, r.path("name").asText()));
                }
            }
            out.addAll(compare(where, expected(grant.get()), actual));
        }
        for (BusAcls.Grant g : BusAcls.ALL) {
            if (!seen.contains(g.user())) {
                out.add(dir + ": no KafkaUser " + g.user() + " (a principal of dev.revive.common.bus.BusAcls)");
            }
        }
        return out;
    }

    static List<String> compare(String where, Set<String> expected, Set<String> actual) {
        List<String> out = new ArrayList<>();
        for (String e : expected) {
            if (!actual.contains(e)) {
                out.add(where + ": missing ACL " + e + " (BusAcls has it)");
            }
        }
        for (String a : actual) {
            if (!expected.contains(a)) {
                out.add(where + ": ACL " + a + " is not in BusAcls");
            }
        }
        return out;
    }

    /** Each Deployment logs in as its own service's user, with the password of that user's Secret. */
    static List<String> deploymentCredentials(String dir, List<JsonNode> docs, String svc) {
        List<String> out = new ArrayList<>();
        var dep = DeploymentChecks.deploymentOf(docs, svc);
        if (dep.isEmpty()) {
            return out;
        }
        JsonNode container = dep.get().path("spec").path("template").path("spec").path("containers").path(0);
        String where = dir + " Deployment " + dep.get().path("metadata").path("name").asText();
        var env = DeploymentChecks.env(where, container, docs, List.of(), new ArrayList<>());
        if (!svc.equals(env.get("REVIVE_KAFKA_USERNAME"))) {
            out.add(where + ": REVIVE_KAFKA_USERNAME is " + env.get("REVIVE_KAFKA_USERNAME") + ", not " + svc);
        }
        JsonNode ref = null;
        for (JsonNode e : container.path("env")) {
            if (e.path("name").asText().equals("REVIVE_KAFKA_PASSWORD")) {
                ref = e.path("valueFrom").path("secretKeyRef");
            }
        }
        if (ref == null || !ref.path("name").asText().equals(svc) || !ref.path("key").asText().equals("password")) {
            out.add(where + ": REVIVE_KAFKA_PASSWORD is not the key 'password' of the KafkaUser Secret " + svc);
        }
        if (!"SASL_SSL".equals(env.get("KAFKA_SECURITY_PROTOCOL"))) {
            out.add(where + ": KAFKA_SECURITY_PROTOCOL is " + env.get("KAFKA_SECURITY_PROTOCOL") + ", not SASL_SSL");
        }
        return out;
    }
}
