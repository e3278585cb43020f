package dev.revive.deploy.manifests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** The strict model and the Strimzi schemas reject what the API server would: each test feeds one broken manifest. */
class StrictChecksCanFailTest {

    private static List<String> problems(String yaml) {
        List<JsonNode> docs = Yamls.documents(yaml);
        assertThat(docs).hasSize(1);
        return StrictModel.problems("test", docs.get(0));
    }

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: revive-prober
            spec:
              selector:
                matchLabels: {app: x}
              template:
                metadata:
                  labels: {app: x}
                spec:
                  containers:
                    - name: prober
                      image: revive/prober-service:1
                      imagePullPolicy: IfNotPresent
                      ports:
                        - containerPort: 8081
            """;

    @Test
    void a_well_formed_deployment_passes() {
        assertThat(problems(DEPLOYMENT)).isEmpty();
    }

    @Test
    void a_misspelt_pod_spec_field_is_rejected() {
        assertThat(problems(DEPLOYMENT.replace("containers:", "contianers:")))
                .singleElement().asString().contains("contianers").contains("spec");
    }

    @Test
    void a_misspelt_container_field_is_rejected() {
        assertThat(problems(DEPLOYMENT.replace("imagePullPolicy:", "imagePullPolicyy:")))
                .singleElement().asString().contains("imagePullPolicyy");
    }

    @Test
    void a_misspelt_metadata_field_is_rejected() {
        assertThat(problems(DEPLOYMENT.replace("  name: revive-prober", "  nmae: revive-prober"))).isNotEmpty();
    }

    @Test
    void a_string_where_an_integer_belongs_is_rejected() {
        assertThat(problems(DEPLOYMENT.replace("containerPort: 8081", "containerPort: \"8081\""))).isNotEmpty();
    }

    @Test
    void a_number_where_a_configmap_string_belongs_is_rejected() {
        String configMap = """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: c}
                data:
                  QUARKUS_MAILER_PORT: %s
                """;
        assertThat(problems(configMap.formatted("\"587\""))).isEmpty();
        assertThat(problems(configMap.formatted("587"))).isNotEmpty();
    }

    @Test
    void a_duplicate_key_is_rejected() {
        String twice = DEPLOYMENT.replace("imagePullPolicy: IfNotPresent", "imagePullPolicy: IfNotPresent\n"
                + " ".repeat(10) + "imagePullPolicy: Always");
        assertThatThrownBy(() -> problems(twice)).hasMessageContaining("Duplicate field 'imagePullPolicy'");
    }

    @Test
    void an_api_version_revive_does_not_ship_is_rejected() {
        assertThat(problems(DEPLOYMENT.replace("apps/v1", "apps/v1beta1")))
                .singleElement().asString().contains("no typed model for apiVersion/kind apps/v1beta1/Deployment");
        assertThat(problems(DEPLOYMENT.replace("apiVersion: apps/v1\nkind: Deployment",
                "apiVersion: policy/v1beta1\nkind: PodDisruptionBudget"))).isNotEmpty();
    }

    @Test
    void a_misspelt_network_policy_or_role_field_is_rejected() {
        assertThat(problems("""
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: n}
                spec:
                  podSelector: {}
                  policyTypes: [Ingress]
                  ingres: []
                """)).singleElement().asString().contains("ingres");
        assertThat(problems("""
                apiVersion: rbac.authorization.k8s.io/v1
                kind: Role
                metadata: {name: r}
                rules:
                  - apiGroups: [apps]
                    resources: [deployments]
                    resourceName: [demo]
                    verbs: [get, patch]
                """)).singleElement().asString().contains("resourceName");
    }

    private static final String TOPIC = """
            apiVersion: kafka.strimzi.io/v1beta2
            kind: KafkaTopic
            metadata:
              name: revive.targets
              labels: {strimzi.io/cluster: revive}
            spec:
              topicName: revive.targets
              partitions: 3
              replicas: 3
              config:
                cleanup.policy: compact
            """;

    @Test
    void a_well_formed_kafka_topic_passes_with_free_form_config() {
        assertThat(problems(TOPIC)).isEmpty();
    }

    @Test
    void a_misspelt_kafka_topic_field_is_rejected() {
        assertThat(problems(TOPIC.replace("partitions:", "partitons:"))).anyMatch(p -> p.contains("partitons"));
        assertThat(problems(TOPIC.replace("spec:", "sepc:"))).anyMatch(p -> p.contains("sepc"));
    }

    @Test
    void a_kafka_topic_with_zero_partitions_or_a_string_count_is_rejected() {
        assertThat(problems(TOPIC.replace("partitions: 3", "partitions: 0"))).anyMatch(p -> p.contains("partitions"));
        assertThat(problems(TOPIC.replace("replicas: 3", "replicas: three"))).anyMatch(p -> p.contains("replicas"));
    }

    @Test
    void a_kafka_topic_of_another_api_version_or_with_bad_metadata_is_rejected() {
        assertThat(problems(TOPIC.replace("v1beta2", "v1beta1"))).anyMatch(p -> p.contains("no Strimzi schema"));
        assertThat(problems(TOPIC.replace("  labels:", "  lables:"))).anyMatch(p -> p.contains("metadata") && p.contains("lables"));
    }

    @Test
    void a_kafka_user_with_an_unknown_acl_operation_or_field_is_rejected() {
        String user = """
                apiVersion: kafka.strimzi.io/v1beta2
                kind: KafkaUser
                metadata:
                  name: prober
                  labels: {strimzi.io/cluster: revive}
                spec:
                  authentication: {type: scram-sha-512}
                  authorization:
                    type: simple
                    acls:
                      - resource: {type: topic, name: revive.targets, patternType: literal}
                        operations: [Read, Describe]
                """;
        assertThat(problems(user)).isEmpty();
        assertThat(problems(user.replace("[Read, Describe]", "[Read, Desribe]"))).anyMatch(p -> p.contains("operations"));
        assertThat(problems(user.replace("patternType:", "patternTyp:"))).anyMatch(p -> p.contains("patternTyp"));
        assertThat(problems(user.replace("scram-sha-512", "scram-sha-256"))).isNotEmpty();
    }
}
