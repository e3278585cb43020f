package dev.revive.deploy.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Kubernetes against docker-compose, service by service: the same image repository, the same HTTP port (compose's
 * HTTP_PORT build argument, its healthcheck URL, the containerPort and the probes), the readiness path compose's
 * healthcheck calls, and the connection settings (Kafka, database, signing) under the same env names. A rename on
 * either side, or in application.properties, breaks this.
 */
class ComposeParityTest {

    /** Env names both deployments must give a service: how it reaches Kafka and its database, and the signing keys. */
    static final Pattern CONNECTION = Pattern.compile("KAFKA_.*|REVIVE_KAFKA_.*|REVIVE_.*DB_.*|REVIVE_SIGNING_KEYS|REVIVE_LINK_SECRET");
    static final Pattern HEALTH_URL = Pattern.compile("http://localhost:(\\d+)(/q/health/\\w+)");

    static JsonNode services;
    static List<JsonNode> kubernetes;
    static List<JsonNode> secretTemplates;

    @BeforeAll
    static void load() {
        services = Yamls.composeDocument(ComposeChecks.COMPOSE_FILE).path("services");
        kubernetes = Kustomize.load("base").docs();
        secretTemplates = Kustomize.readDirectly(KubernetesManifestsTest.SECRET_TEMPLATES).docs();
    }

    @TestFactory
    Stream<DynamicTest> kubernetes_runs_each_service_as_compose_does() {
        Map<String, String> compose = ComposeChecks.reviveServices(services);
        assertThat(new TreeSet<>(compose.values())).as("services built in compose").isEqualTo(new TreeSet<>(Repo.services()));
        return compose.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getValue(), () -> {
            assertThat(problems(e.getKey(), services.path(e.getKey()), ServiceProperties.of(e.getValue()))).isEmpty();
        }));
    }

    static List<String> problems(String composeName, JsonNode service, ServiceProperties props) {
        List<String> out = new ArrayList<>();
        String svc = props.service;
        JsonNode deployment = DeploymentChecks.deploymentOf(kubernetes, svc).orElseThrow();
        JsonNode container = deployment.path("spec").path("template").path("spec").path("containers").path(0);
        String where = "compose " + composeName + " / Kubernetes " + deployment.path("metadata").path("name").asText();

        String composeImage = repository(service.path("image").asText());
        String kubeImage = repository(container.path("image").asText());
        if (!composeImage.equals(kubeImage)) {
            out.add(where + ": image " + kubeImage + " in Kubernetes, " + composeImage + " in compose");
        }

        int composePort = service.path("build").path("args").path("HTTP_PORT").asInt(-1);
        int kubePort = container.path("ports").path(0).path("containerPort").asInt(-2);
        if (composePort != kubePort || kubePort != props.httpPort()) {
            out.add(where + ": HTTP port " + kubePort + " in Kubernetes, HTTP_PORT " + composePort + " in compose, "
                    + props.httpPort() + " in application.properties");
        }
        var health = HEALTH_URL.matcher(String.join(" ", ComposeChecks.texts(service.path("healthcheck").path("test"))));
        if (!health.find()) {
            out.add(where + ": compose healthcheck calls no http://localhost:PORT/q/health/... URL");
        } else {
            if (Integer.parseInt(health.group(1)) != kubePort) {
                out.add(where + ": compose healthcheck on port " + health.group(1) + ", Kubernetes containerPort " + kubePort);
            }
            String readiness = container.path("readinessProbe").path("httpGet").path("path").asText();
            if (!health.group(2).equals(readiness)) {
                out.add(where + ": compose healthcheck calls " + health.group(2) + ", the readinessProbe " + readiness);
            }
        }
        if (!container.path("livenessProbe").path("httpGet").path("path").asText().equals("/q/health/live")) {
            out.add(where + ": livenessProbe is not /q/health/live");
        }

        TreeSet<String> composeEnv = new TreeSet<>(ComposeChecks.environment(service).keySet());
        composeEnv.removeIf(n -> !CONNECTION.matcher(n).matches());
        TreeSet<String> kubeEnv = new TreeSet<>(DeploymentChecks.env(where, container, kubernetes, secretTemplates, new ArrayList<>()).keySet());
        TreeSet<String> missing = new TreeSet<>(composeEnv);
        missing.removeAll(kubeEnv);
        if (!missing.isEmpty()) {
            out.add(where + ": compose sets " + missing + ", Kubernetes does not (Kubernetes has " + kubeEnv + ")");
        }
        TreeSet<String> kubeConnection = new TreeSet<>(kubeEnv);
        kubeConnection.removeIf(n -> !CONNECTION.matcher(n).matches() || n.startsWith("KAFKA_SSL_"));
        kubeConnection.removeAll(composeEnv);
        if (!kubeConnection.isEmpty()) {
            out.add(where + ": Kubernetes sets " + kubeConnection + ", compose does not (TLS trust store settings excepted)");
        }
        return out;
    }

    /** The image without its tag (registry/path:tag -> registry/path; compose's tag may be ${REVIVE_VERSION:-...}). */
    static String repository(String image) {
        int slash = image.lastIndexOf('/');
        int colon = image.indexOf(':', Math.max(slash, 0));
        return colon >= 0 ? image.substring(0, colon) : image;
    }
}
