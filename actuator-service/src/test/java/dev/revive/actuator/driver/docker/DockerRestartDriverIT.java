package dev.revive.actuator.driver.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.revive.actuator.docker.TestContainers;
import dev.revive.actuator.driver.ActionFailedException;
import dev.revive.actuator.driver.Outcome;
import dev.revive.common.contract.RecoveryCommand;
import dev.revive.testkit.RealDocker;

/** The driver alone against the test kit's real Docker engine (dockerd 20.10 on a private socket). */
class DockerRestartDriverIT {

    static final String LABEL = "revive.test.restart";

    final List<String> created = new ArrayList<>();
    final List<String> references = new ArrayList<>();
    final DockerRestartDriver driver = new DockerRestartDriver(RealDocker.socket(),
            new DockerAllowList(List.of("revive-driver-it-web"), List.of(LABEL + "=yes")), "v1.41",
            Duration.ofSeconds(30), 10, Duration.ofSeconds(30), Duration.ofMillis(100));

    @BeforeAll
    static void engine() {
        Assumptions.assumeTrue(RealDocker.available(), RealDocker::why);
    }

    @AfterEach
    void remove() {
        created.forEach(TestContainers::remove);
    }

    String container(String name, Map<String, String> labels) {
        created.add(name);
        TestContainers.run(name, labels);
        await().atMost(Duration.ofSeconds(30)).until(() -> TestContainers.starts(name) == 1);
        return name;
    }

    static RecoveryCommand restart(Map<String, String> params) {
        return new RecoveryCommand("cmd-" + UUID.randomUUID(), "inc-1", "web-1", 1, "docker-restart", params, null, null,
                null, null);
    }

    @Test
    void restarts_an_allow_listed_container_once_and_sees_a_new_started_at() throws Exception {
        String name = container("revive-driver-it-web", Map.of());
        String before = TestContainers.startedAt(name);

        Outcome o = driver.run(restart(Map.of("container", name)), references::add);

        assertThat(o.succeeded()).as(o.reason()).isTrue();
        await().atMost(Duration.ofSeconds(30)).until(() -> TestContainers.starts(name) == 2);
        assertThat(TestContainers.running(name)).isTrue();
        String after = TestContainers.startedAt(name);
        assertThat(after).isNotEqualTo(before);
        assertThat(o.output()).startsWith("restarted container " + name).contains(before + " -> " + after);
        assertThat(references).singleElement().asString().startsWith("container " + name + " ");
    }

    @Test
    void restarts_a_container_that_carries_an_allowed_label_also_when_named_by_its_id() throws Exception {
        String name = container("revive-driver-it-" + UUID.randomUUID().toString().substring(0, 8), Map.of(LABEL, "yes"));
        String id = RealDocker.docker("inspect", "-f", "{{.Id}}", name);

        Outcome o = driver.run(restart(Map.of("container", id, "timeoutSeconds", "2")), references::add);

        assertThat(o.succeeded()).as(o.reason()).isTrue();
        assertThat(o.output()).contains("stop timeout 2 s");
        await().atMost(Duration.ofSeconds(30)).until(() -> TestContainers.starts(name) == 2);
    }

    @Test
    void refuses_a_container_that_is_not_allow_listed_and_leaves_it_running() {
        String name = container("revive-driver-it-" + UUID.randomUUID().toString().substring(0, 8), Map.of(LABEL, "no"));
        String before = TestContainers.startedAt(name);

        ActionFailedException e = catchThrowableOfType(ActionFailedException.class,
                () -> driver.run(restart(Map.of("container", name)), references::add));

        assertThat(e.nonRecoverable()).isTrue();
        assertThat(e.getMessage()).startsWith("container '" + name + "' is not allow-listed").endsWith("; not restarted");
        assertThat(TestContainers.starts(name)).isEqualTo(1);
        assertThat(TestContainers.startedAt(name)).isEqualTo(before);
        assertThat(references).isEmpty();
    }

    @Test
    void reports_a_missing_container_as_non_recoverable_with_its_name() {
        ActionFailedException e = catchThrowableOfType(ActionFailedException.class,
                () -> driver.run(restart(Map.of("container", "revive-driver-it-absent")), references::add));

        assertThat(e.nonRecoverable()).isTrue();
        assertThat(e.getMessage()).isEqualTo("container 'revive-driver-it-absent' not found on the Docker engine at "
                + RealDocker.socket());
    }

    @Test
    void restarts_a_stopped_allow_listed_container() throws Exception {
        String name = container("revive-driver-it-web", Map.of());
        RealDocker.docker("stop", "-t", "5", name);
        assertThat(TestContainers.running(name)).isFalse();

        Outcome o = driver.run(restart(Map.of("container", name)), references::add);

        assertThat(o.succeeded()).as(o.reason()).isTrue();
        assertThat(TestContainers.running(name)).isTrue();
        await().atMost(Duration.ofSeconds(30)).until(() -> TestContainers.starts(name) == 2);
    }
}
