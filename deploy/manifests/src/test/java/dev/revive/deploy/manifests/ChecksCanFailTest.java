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
        List<JsonNode> docs = Kustomize.readDirectly("base").docs();
        List<JsonNode> secrets = Kustomize.readDirectly(KubernetesManifestsTest.SECRET_TEMPLATES).docs();
        ServiceProperties props = ServiceProperties.of(SVC);
        List<String> before = DeploymentChecks.check("base", docs, secrets, props);
        List<JsonNode> copy = docs.stream().<JsonNode>map(JsonNode::deepCopy).toList();
        breakIt.accept(container(copy));
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
