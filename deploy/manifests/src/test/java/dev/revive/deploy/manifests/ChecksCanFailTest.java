package dev.revive.deploy.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.revive.common.topic.Topics;

/** The checks catch what they claim to: each test breaks one thing in a copy of the manifests and expects a problem. */
class ChecksCanFailTest {

    static final String SVC = "prober";

    private static List<String> newProblems(Consumer<ObjectNode> breakIt) {
        return newProblemsInDocs(docs -> breakIt.accept(container(docs)));
    }

    private static List<String> newProblemsInDocs(Consumer<List<JsonNode>> breakIt) {
        return newProblemsInDocs(SVC, breakIt);
    }

    private static List<String> newProblemsInDocs(String svc, Consumer<List<JsonNode>> breakIt) {
        List<JsonNode> docs = Kustomize.readDirectly("base").docs();
        List<JsonNode> secrets = Kustomize.readDirectly(KubernetesManifestsTest.SECRET_TEMPLATES).docs();
        ServiceProperties props = ServiceProperties.of(svc);
        List<String> before = DeploymentChecks.check("base", docs, secrets, props);
        List<JsonNode> copy = new ArrayList<>(docs.stream().<JsonNode>map(JsonNode::deepCopy).toList());
        breakIt.accept(copy);
        List<String> after = new ArrayList<>(DeploymentChecks.check("base", copy, secrets, props));
        after.removeAll(before);
        return after;
    }

    private static ObjectNode container(List<JsonNode> docs) {
        return (ObjectNode) DeploymentChecks.deploymentOf(docs, SVC).orElseThrow()
                .path("spec").path("template").path("spec").path("containers").path(0);
    }

    @Test
    void a_container_port_other_than_quarkus_http_port_fails() {
        List<String> problems = newProblems(c -> ((ObjectNode) c.path("ports").path(0)).put("containerPort", 9999));
        int port = ServiceProperties.of(SVC).httpPort();
        assertThat(problems).anyMatch(p -> p.contains("containerPort [9999]") && p.contains("listens on " + port));
    }

    @Test
    void a_probe_on_the_wrong_path_or_port_fails() {
        assertThat(newProblems(c -> ((ObjectNode) c.path("livenessProbe").path("httpGet")).put("path", "/health")))
                .anyMatch(p -> p.contains("livenessProbe path is /health"));
        assertThat(newProblems(c -> ((ObjectNode) c.path("readinessProbe").path("httpGet")).put("port", 8999)))
                .anyMatch(p -> p.contains("readinessProbe port 8999"));
    }

    private static ObjectNode named(List<JsonNode> docs, String kind, String name) {
        return (ObjectNode) docs.stream().filter(d -> d.path("kind").asText().equals(kind))
                .filter(d -> d.path("metadata").path("name").asText().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void a_container_that_keeps_capabilities_or_has_no_writable_tmp_fails() {
        assertThat(newProblems(c -> ((ObjectNode) c.path("securityContext")).remove("capabilities")))
                .anyMatch(p -> p.contains("capabilities.drop does not contain ALL"));
        assertThat(newProblems(c -> c.remove("volumeMounts")))
                .anyMatch(p -> p.contains("no writable emptyDir mounted at /tmp"));
        assertThat(newProblems(c -> ((ObjectNode) c.path("securityContext")).put("readOnlyRootFilesystem", false)))
                .anyMatch(p -> p.contains("readOnlyRootFilesystem is not true"));
    }

    @Test
    void a_pod_without_seccomp_fails() {
        assertThat(newProblemsInDocs(docs -> ((ObjectNode) named(docs, "Deployment", "revive-" + SVC)
                .path("spec").path("template").path("spec").path("securityContext")).remove("seccompProfile")))
                .anyMatch(p -> p.contains("seccompProfile is not RuntimeDefault"));
    }

    @Test
    void network_policies_that_miss_the_default_deny_the_http_port_or_kafka_fail() {
        assertThat(newProblemsInDocs(docs -> docs.removeIf(d -> d.path("metadata").path("name").asText().equals("revive-default-deny"))))
                .anyMatch(p -> p.contains("no default-deny NetworkPolicy"));
        assertThat(newProblemsInDocs(docs -> ((ObjectNode) named(docs, "NetworkPolicy", "revive-http-in").path("spec")
                .path("ingress").path(0).path("ports").path(0)).put("port", 8080)))
                .anyMatch(p -> p.contains("no NetworkPolicy lets traffic in to its HTTP port"));
        // The policy, not the prober: the prober's egress is open (its targets are anywhere).
        assertThat(newProblemsInDocs("policy", docs -> ((ObjectNode) named(docs, "NetworkPolicy", "revive-dns-and-kafka").path("spec")
                .path("egress").path(1).path("ports").path(0)).put("port", 9092)))
                .anyMatch(p -> p.contains("no NetworkPolicy lets it reach Kafka on 9093"));
    }

    @Test
    void a_database_service_without_postgres_egress_and_a_service_with_open_egress_fail() {
        List<JsonNode> docs = new ArrayList<>(Kustomize.readDirectly("base").docs().stream().<JsonNode>map(JsonNode::deepCopy).toList());
        List<JsonNode> secrets = Kustomize.readDirectly(KubernetesManifestsTest.SECRET_TEMPLATES).docs();
        docs.removeIf(d -> d.path("metadata").path("name").asText().equals("revive-postgres-out"));
        ((ObjectNode) named(docs, "NetworkPolicy", "revive-notifier-delivery-out").path("spec").path("egress").path(0)).remove("ports");
        assertThat(DeploymentChecks.check("base", docs, secrets, ServiceProperties.of("policy")))
                .anyMatch(p -> p.contains("no NetworkPolicy lets it reach PostgreSQL on 5432"));
        assertThat(DeploymentChecks.check("base", docs, secrets, ServiceProperties.of("notifier")))
                .anyMatch(p -> p.contains("an egress rule with no ports"));
    }

    @Test
    void rbac_wider_than_get_and_patch_on_named_deployments_fails() {
        List<JsonNode> docs = new ArrayList<>(Kustomize.readDirectly("base").docs().stream().<JsonNode>map(JsonNode::deepCopy).toList());
        assertThat(RbacChecks.check("base", docs)).isEmpty();
        ObjectNode rule = (ObjectNode) named(docs, "Role", "revive-actuator-rollout-restart").path("rules").path(0);
        rule.withArrayProperty("verbs").add("delete");
        rule.remove("resourceNames");
        ((ObjectNode) named(docs, "RoleBinding", "revive-actuator-rollout-restart").path("roleRef")).put("kind", "ClusterRole");
        docs.add(Yamls.documents("{apiVersion: rbac.authorization.k8s.io/v1, kind: ClusterRole, metadata: {name: x}}").get(0));
        assertThat(RbacChecks.check("base", docs))
                .anyMatch(p -> p.contains("ClusterRole x"))
                .anyMatch(p -> p.contains("refers to a ClusterRole"))
                .anyMatch(p -> p.contains("no RoleBinding gives ServiceAccount revive-actuator a Role"));
        ((ObjectNode) named(docs, "RoleBinding", "revive-actuator-rollout-restart").path("roleRef")).put("kind", "Role");
        assertThat(RbacChecks.check("base", docs))
                .anyMatch(p -> p.contains("verbs [get, patch, delete]"))
                .anyMatch(p -> p.contains("no resourceNames"));
    }

    @Test
    void an_env_var_the_service_does_not_read_fails() {
        List<String> problems = newProblems(c -> c.withArrayProperty("env").addObject()
                .put("name", "REVIVE_PROBER_NO_SUCH_SETTING").put("value", "x"));
        assertThat(problems).anyMatch(p -> p.contains("sets REVIVE_PROBER_NO_SUCH_SETTING"));
    }

    @Test
    void kafka_bootstrap_servers_missing_fails() {
        ServiceProperties props = ServiceProperties.of(SVC);
        assertThat(EnvWiring.problems("test", props, Map.of()))
                .anyMatch(p -> p.contains("kafka.bootstrap.servers is not set"));
    }

    @Test
    void a_database_service_without_its_urls_or_signing_keys_fails() {
        ServiceProperties policy = ServiceProperties.parse("policy", """
                kafka.bootstrap.servers=${KAFKA_BOOTSTRAP_SERVERS:localhost:9092}
                quarkus.datasource.reactive.url=${REVIVE_POLICY_DB_REACTIVE_URL:postgresql://localhost:5432/p}
                quarkus.datasource.jdbc.url=${REVIVE_POLICY_DB_JDBC_URL:jdbc:postgresql://localhost:5432/p}
                revive.signing.keys=${REVIVE_SIGNING_KEYS}
                """);
        List<String> problems = EnvWiring.problems("test", policy, Map.of("KAFKA_BOOTSTRAP_SERVERS", "k:9092",
                "REVIVE_POLICY_DB_REACTIVE_URL", "postgresql://db:5432/a", "REVIVE_POLICY_DB_JDBC_URL", "jdbc:postgresql://db:5432/b"));
        assertThat(problems).anyMatch(p -> p.contains("REVIVE_SIGNING_KEYS is not set"))
                .anyMatch(p -> p.contains("name different databases"))
                .noneMatch(p -> p.contains("kafka.bootstrap.servers"));
    }

    @Test
    void a_kafka_topic_with_other_partitions_or_retention_or_a_missing_dlq_fails() {
        List<TopicChecks.Defined> topics = new ArrayList<>();
        for (Topics.Spec s : Topics.allWithDeadLetters()) {
            topics.add(new TopicChecks.Defined(s.name(), s.partitions(), s.config()));
        }
        assertThat(TopicChecks.compare("test", topics)).isEmpty();
        Topics.Spec health = Topics.ALL.get(1);
        topics.set(1, new TopicChecks.Defined(health.name(), 3, Map.of("cleanup.policy", "delete", "retention.ms", "1")));
        topics.removeIf(t -> t.name().equals(Topics.TARGETS + Topics.DLQ_SUFFIX));
        assertThat(TopicChecks.compare("test", topics))
                .anyMatch(p -> p.contains("has 3 partitions"))
                .anyMatch(p -> p.contains("retention.ms=1,"))
                .anyMatch(p -> p.contains("missing") && p.contains("revive.targets.dlq"));
    }

    @Test
    void a_compose_healthcheck_on_another_port_fails() {
        JsonNode services = Yamls.composeDocument(ComposeChecks.COMPOSE_FILE).path("services");
        var entry = ComposeChecks.reviveServices(services).entrySet().iterator().next();
        ObjectNode service = services.path(entry.getKey()).deepCopy();
        ((ObjectNode) service.path("healthcheck")).putArray("test").add("CMD").add("curl").add("http://localhost:1/q/health/ready");
        ((ObjectNode) service.path("environment")).put("NOT_READ_BY_ANYONE", "1");
        assertThat(ComposeChecks.checkService(entry.getKey(), service, ServiceProperties.of(entry.getValue())))
                .anyMatch(p -> p.contains("healthcheck does not call"))
                .anyMatch(p -> p.contains("sets NOT_READ_BY_ANYONE"));
    }
}
