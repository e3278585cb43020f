package dev.revive.deploy.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * deploy/compose/docker-compose.yml, read as YAML (there is no Docker engine here: `docker compose config` never ran).
 */
class ComposeTest {

    static JsonNode compose;
    static JsonNode services;

    @BeforeAll
    static void parse() {
        compose = Yamls.composeDocument(ComposeChecks.COMPOSE_FILE);
        services = compose.path("services");
        System.out.println("[manifests] docker-compose.yml parsed (YAML only: no Docker engine, `docker compose config` not run)");
    }

    @Test
    void compose_file_has_the_four_services_and_their_infrastructure() {
        assertThat(services.isObject()).isTrue();
        assertThat(new TreeSet<>(ComposeChecks.reviveServices(services).values()))
                .as("compose services built with args.SERVICE").containsExactlyElementsOf(Repo.services());
        List<String> names = new ArrayList<>();
        services.fieldNames().forEachRemaining(names::add);
        assertThat(names).contains("kafka", "kafka-init", "postgres", "mailpit", "kafka-ui", "demo-httpd", "prometheus", "grafana");
        for (String name : names) {
            JsonNode s = services.path(name);
            assertThat(s.has("image") || s.has("build")).as("%s has an image or a build", name).isTrue();
        }
    }

    @Test
    void every_long_running_service_has_a_healthcheck() {
        List<String> oneShot = ComposeChecks.oneShot(services);
        List<String> missing = new ArrayList<>();
        services.fields().forEachRemaining(e -> {
            if (!oneShot.contains(e.getKey()) && ComposeChecks.texts(e.getValue().path("healthcheck").path("test")).isEmpty()) {
                missing.add(e.getKey());
            }
        });
        assertThat(oneShot).as("one-shot services (waited for with service_completed_successfully)").containsExactly("kafka-init");
        assertThat(missing).as("services without a healthcheck").isEmpty();
    }

    @TestFactory
    Stream<DynamicTest> every_revive_service_is_wired_as_its_application_properties_expect() {
        return ComposeChecks.reviveServices(services).entrySet().stream()
                .map(e -> DynamicTest.dynamicTest(e.getKey(), () -> assertThat(ComposeChecks.checkService(
                        e.getKey(), services.path(e.getKey()), ServiceProperties.of(e.getValue()))).isEmpty()));
    }

    @Test
    void depends_on_names_existing_services() {
        List<String> problems = new ArrayList<>();
        services.fields().forEachRemaining(s -> s.getValue().path("depends_on").fieldNames().forEachRemaining(dep -> {
            if (!services.has(dep)) {
                problems.add(s.getKey() + " depends on unknown " + dep);
            }
        }));
        assertThat(problems).isEmpty();
    }

    @Test
    void bind_mounted_files_exist() {
        List<String> missing = new ArrayList<>();
        services.fields().forEachRemaining(s -> {
            for (String v : ComposeChecks.texts(s.getValue().path("volumes"))) {
                String source = v.split(":")[0];
                if (source.startsWith(".") && !Files.exists(ComposeChecks.COMPOSE_DIR.resolve(source))) {
                    missing.add(s.getKey() + ": " + source);
                }
            }
        });
        assertThat(missing).isEmpty();
    }

    @Test
    void every_required_variable_is_in_env_example() throws IOException {
        String text = Files.readString(ComposeChecks.COMPOSE_FILE);
        Set<String> required = new TreeSet<>();
        Matcher m = Pattern.compile("\\$\\{([A-Z_][A-Z0-9_]*):?\\?").matcher(text);
        while (m.find()) {
            required.add(m.group(1));
        }
        String example = Files.readString(ComposeChecks.COMPOSE_DIR.resolve(".env.example"));
        assertThat(required).isNotEmpty().allSatisfy(v -> assertThat(example).containsPattern("(?m)^" + v + "="));
        assertThat(Files.readString(ComposeChecks.COMPOSE_DIR.resolve(".gitignore"))).contains(".env");
    }

    @Test
    void prometheus_scrapes_every_revive_service_on_its_metrics_path() {
        JsonNode prometheus = Yamls.documents(Repo.path("deploy/prometheus/prometheus.yml")).get(0);
        List<String> targets = new ArrayList<>();
        for (JsonNode job : prometheus.path("scrape_configs")) {
            if (!job.path("metrics_path").asText().equals("/q/metrics")) {
                continue;
            }
            for (JsonNode sc : job.path("static_configs")) {
                targets.addAll(ComposeChecks.texts(sc.path("targets")));
            }
        }
        for (Map.Entry<String, String> e : ComposeChecks.reviveServices(services).entrySet()) {
            ServiceProperties props = ServiceProperties.of(e.getValue());
            int port = EnvWiring.httpPort(props, ComposeChecks.environment(services.path(e.getKey())));
            assertThat(targets).contains(e.getKey() + ":" + port);
            assertThat(props.value("quarkus.micrometer.export.prometheus.path")).as("%s metrics path", props).hasValue("/q/metrics");
        }
    }

    @Test
    void grafana_dashboard_uses_the_provisioned_datasource() throws IOException {
        JsonNode ds = Yamls.documents(Repo.path("deploy/grafana/provisioning/datasources/prometheus.yml")).get(0);
        String uid = ds.path("datasources").path(0).path("uid").asText();
        Path dashboards = Repo.path("deploy/grafana/dashboards");
        try (Stream<Path> files = Files.list(dashboards)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                JsonNode d = new com.fasterxml.jackson.databind.ObjectMapper().readTree(f.toFile());
                assertThat(d.path("panels")).isNotEmpty();
                for (JsonNode p : d.path("panels")) {
                    assertThat(p.path("datasource").path("uid").asText()).as("%s panel %s", f.getFileName(), p.path("title")).isEqualTo(uid);
                }
            }
        }
    }
}
