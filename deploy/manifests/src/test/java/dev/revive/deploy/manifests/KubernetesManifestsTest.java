package dev.revive.deploy.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * deploy/kubernetes against the services: ports, probes, env wiring, scaling and disruption objects, the IRSA
 * ServiceAccount, for the base and both overlays (rendered by kubectl kustomize, or MiniKustomize without kubectl).
 */
class KubernetesManifestsTest {

    static final List<String> OVERLAYS = List.of("overlays/dev", "overlays/production");
    static final String SECRET_TEMPLATES = "components/secret-templates";

    static List<JsonNode> secretTemplates;

    @BeforeAll
    static void announce() {
        System.out.println(Kustomize.kubectl()
                .map(k -> "[manifests] kubectl found (" + k + "): base and overlays rendered with kubectl kustomize")
                .orElse("[manifests] kubectl not on PATH (or -Drevive.manifests.kubectl=false): base and overlays "
                        + "rendered by MiniKustomize (KustomizeParityTest compares it with kubectl where kubectl exists)"));
        secretTemplates = Kustomize.readDirectly(SECRET_TEMPLATES).docs();
    }

    @TestFactory
    Stream<DynamicTest> base_wires_every_service_as_its_application_properties_expect() {
        return perService(Kustomize.load("base"));
    }

    @TestFactory
    Stream<DynamicTest> overlays_wire_every_service_as_its_application_properties_expect() {
        return OVERLAYS.stream().map(Kustomize::load).flatMap(this::perService);
    }

    private Stream<DynamicTest> perService(Kustomize.Rendered r) {
        return Repo.services().stream().map(svc -> DynamicTest.dynamicTest(r.dir() + " " + svc, () -> {
            List<String> problems = DeploymentChecks.check(r.dir(), r.docs(), secretTemplates, ServiceProperties.of(svc));
            assertThat(problems).as("%s, %s-service (%s)", r.dir(), svc, r.how()).isEmpty();
        }));
    }

    @Test
    void every_yaml_file_parses_and_every_document_names_its_kind() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(Kustomize.KUBERNETES)) {
            files = walk.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList();
        }
        assertThat(files).isNotEmpty();
        List<String> problems = new ArrayList<>();
        for (Path f : files) {
            for (JsonNode d : Yamls.documents(f)) {
                if (d.path("kind").asText("").isEmpty() || d.path("apiVersion").asText("").isEmpty()) {
                    problems.add(Kustomize.KUBERNETES.relativize(f) + ": a document without kind or apiVersion");
                }
                boolean kustomization = d.path("kind").asText().equals("Kustomization") || d.path("kind").asText().equals("Component");
                if (!kustomization && d.path("metadata").path("name").asText("").isEmpty()) {
                    problems.add(Kustomize.KUBERNETES.relativize(f) + ": a " + d.path("kind").asText() + " without a name");
                }
            }
        }
        System.out.printf("[manifests] %d YAML files under deploy/kubernetes parsed%n", files.size());
        assertThat(problems).isEmpty();
    }

    @Test
    void every_rendered_object_has_kind_api_version_and_name() {
        List<String> dirs = new ArrayList<>(List.of("base"));
            dirs.addAll(OVERLAYS);
        for (String dir : dirs) {
            Kustomize.Rendered r = Kustomize.load(dir);
            assertThat(r.docs()).as(dir).isNotEmpty();
            assertThat(r.docs()).as(dir).allSatisfy(d -> {
                assertThat(d.path("apiVersion").asText("")).isNotEmpty();
                assertThat(d.path("kind").asText("")).isNotEmpty();
                assertThat(d.path("metadata").path("name").asText("")).isNotEmpty();
            });
        }
    }

    @TestFactory
    Stream<DynamicTest> the_actuator_alone_may_get_and_patch_named_deployments_of_its_namespace() {
        List<String> dirs = new ArrayList<>(List.of("base"));
            dirs.addAll(OVERLAYS);
        return dirs.stream().map(dir -> DynamicTest.dynamicTest(dir, () -> {
            Kustomize.Rendered r = Kustomize.load(dir);
            assertThat(RbacChecks.check(dir, r.docs())).as("%s (%s)", dir, r.how()).isEmpty();
        }));
    }

    @Test
    void policy_and_actuator_take_the_signing_keys_from_the_same_secret() {
        Kustomize.Rendered r = Kustomize.load("base");
        Set<String> sources = new TreeSet<>();
        for (String svc : EnvWiring.SIGNING_SERVICES) {
            JsonNode container = DeploymentChecks.deploymentOf(r.docs(), svc).orElseThrow()
                    .path("spec").path("template").path("spec").path("containers").path(0);
            for (JsonNode from : container.path("envFrom")) {
                String name = from.path("secretRef").path("name").asText("");
                boolean hasKeys = secretTemplates.stream()
                        .filter(s -> s.path("metadata").path("name").asText().equals(name))
                        .anyMatch(s -> s.path("stringData").has(EnvWiring.SIGNING_KEYS) || s.path("data").has(EnvWiring.SIGNING_KEYS));
                if (hasKeys) {
                    sources.add(name);
                }
            }
        }
        assertThat(sources).as("Secrets giving %s to policy and actuator", EnvWiring.SIGNING_KEYS).hasSize(1);
    }

    @Test
    void secret_templates_hold_placeholders_only() {
        assertThat(secretTemplates).isNotEmpty();
        for (JsonNode s : secretTemplates) {
            assertThat(s.path("data").isMissingNode()).as("%s: use stringData placeholders, not data", s.path("metadata").path("name")).isTrue();
            s.path("stringData").fields().forEachRemaining(e -> {
                boolean user = e.getKey().endsWith("_USER");
                assertThat(user || e.getValue().asText().contains("REPLACE"))
                        .as("%s/%s must be a REPLACE placeholder", s.path("metadata").path("name").asText(), e.getKey())
                        .isTrue();
            });
        }
    }

    @Test
    void production_renders_no_placeholder_secrets() {
        Kustomize.Rendered r = Kustomize.load("overlays/production");
        assertThat(r.docs()).noneMatch(d -> d.path("kind").asText().equals("Secret"));
        assertThat(r.docs()).filteredOn(d -> d.path("kind").asText().equals("Deployment"))
                .allSatisfy(d -> assertThat(d.path("spec").path("template").path("spec").path("containers").path(0)
                        .path("image").asText()).doesNotEndWith("-SNAPSHOT"));
    }
}
