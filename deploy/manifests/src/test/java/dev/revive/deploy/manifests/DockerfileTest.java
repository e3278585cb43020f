package dev.revive.deploy.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * deploy/docker/Dockerfile as text (it is built and run by deploy/compose/drill, on revive/debian-jre:trixie; the UBI
 * default is not pulled here).
 */
class DockerfileTest {

    @Test
    void one_dockerfile_builds_any_service_from_its_quarkus_app_as_a_non_root_user() throws IOException {
        String text = Files.readString(Repo.path("deploy/docker/Dockerfile"));
        assertThat(text).containsPattern("(?m)^ARG SERVICE\\s*$")
                .containsPattern("(?m)^FROM \\$\\{BASE_IMAGE}")
                .containsPattern("(?m)^ARG BASE_IMAGE=registry\\.access\\.redhat\\.com/ubi9/openjdk-21-runtime:")
                .containsPattern("(?m)^EXPOSE ")
                .contains("ENTRYPOINT");
        for (String part : List.of("lib/", "app/", "quarkus/", "*.jar")) {
            assertThat(text).contains("${SERVICE}-service/target/quarkus-app/" + part);
        }
        Matcher user = Pattern.compile("(?m)^USER (\\S+)").matcher(text);
        String last = null;
        while (user.find()) {
            last = user.group(1);
        }
        assertThat(last).as("last USER").isNotNull().isNotIn("0", "root");
    }

    @Test
    void compose_passes_the_dockerfiles_own_default_base_image() throws IOException {
        Matcher arg = Pattern.compile("(?m)^ARG BASE_IMAGE=(\\S+)$")
                .matcher(Files.readString(Repo.path("deploy/docker/Dockerfile")));
        assertThat(arg.find()).as("ARG BASE_IMAGE=").isTrue();
        Matcher compose = Pattern.compile("BASE_IMAGE: \\$\\{REVIVE_BASE_IMAGE:-([^}]+)}")
                .matcher(Files.readString(Repo.path("deploy/compose/docker-compose.yml")));
        int services = 0;
        while (compose.find()) {
            assertThat(compose.group(1)).as("compose's default BASE_IMAGE").isEqualTo(arg.group(1));
            services++;
        }
        assertThat(services).as("services built with BASE_IMAGE").isEqualTo(4);
    }

    @Test
    void both_ignore_files_keep_the_same_context() throws IOException {
        // The classic builder (docker-compose 1.x) reads /.dockerignore only, BuildKit the Dockerfile's own.
        assertThat(rules("deploy/docker/Dockerfile.dockerignore")).isEqualTo(rules(".dockerignore"))
                .contains("!deploy/docker/run-java.sh")
                .contains("!prober-service/target/quarkus-app/**", "!policy-service/target/quarkus-app/**",
                        "!actuator-service/target/quarkus-app/**", "!notifier-service/target/quarkus-app/**");
    }

    private static List<String> rules(String file) throws IOException {
        return Files.readAllLines(Repo.path(file)).stream().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }
}
