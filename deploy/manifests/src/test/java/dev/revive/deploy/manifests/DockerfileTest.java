package dev.revive.deploy.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** deploy/docker/Dockerfile (not built here: no Docker engine). */
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
}
