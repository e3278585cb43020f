package dev.revive.actuator.driver.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.revive.actuator.driver.ActionContext;
import dev.revive.actuator.driver.ActionFailedException;
import dev.revive.actuator.driver.Outcome;
import dev.revive.common.contract.RecoveryCommand;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;

/** Against the fabric8 mock API server in CRUD mode; the test plays the Deployment controller. */
@EnableKubernetesMockClient(crud = true)
class RolloutRestartDriverTest {

    static KubernetesClient client;

    static final Instant ISSUED = Instant.parse("2026-03-01T10:15:30Z");

    RolloutRestartDriver driver;

    @BeforeEach
    void deployment() {
        client.apps().deployments().inNamespace("shop").resource(new DeploymentBuilder()
                .withNewMetadata().withName("web").withNamespace("shop").withGeneration(1L).endMetadata()
                .withNewSpec().withReplicas(2).withNewSelector().addToMatchLabels("app", "web").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", "web").endMetadata()
                .withNewSpec().addNewContainer().withName("web").withImage("nginx:1.27").endContainer().endSpec()
                .endTemplate().endSpec().build()).createOr(r -> r.update());
        driver = new RolloutRestartDriver(() -> client, Duration.ofSeconds(20), Duration.ofMillis(20));
    }

    static RecoveryCommand restart(String deployment) {
        return new RecoveryCommand("cmd-k8s-1", "inc-1", "web-1", 1, "kubernetes",
                Map.of("namespace", "shop", "deployment", deployment), ISSUED, ISSUED.plusSeconds(300), null, null);
    }

    @Test
    void sets_restarted_at_and_succeeds_when_the_rollout_completes() throws Exception {
        CompletableFuture<Outcome> running = CompletableFuture.supplyAsync(() -> {
            try {
                return driver.run(restart("web"), ActionContext.NONE);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        await().atMost(Duration.ofSeconds(20)).until(() -> annotation() != null);
        assertThat(running).isNotDone();

        Deployment d = client.apps().deployments().inNamespace("shop").withName("web").get();
        d.setStatus(new DeploymentStatusBuilder().withObservedGeneration(d.getMetadata().getGeneration())
                .withReplicas(2).withUpdatedReplicas(2).withAvailableReplicas(2).withReadyReplicas(2).build());
        client.apps().deployments().inNamespace("shop").resource(d).updateStatus();
        Outcome o = running.get(20, TimeUnit.SECONDS);

        assertThat(o.succeeded()).isTrue();
        assertThat(annotation()).isEqualTo(ISSUED.toString());
    }

    @Test
    void reports_a_missing_deployment_as_non_recoverable() {
        ActionFailedException e = catchThrowableOfType(ActionFailedException.class,
                () -> driver.run(restart("nope"), ActionContext.NONE));

        assertThat(e.nonRecoverable()).isTrue();
        assertThat(e.getMessage()).contains("shop/nope not found");
    }

    @Test
    void is_resumable_because_a_second_patch_writes_the_same_restarted_at() {
        assertThat(driver.resumable(restart("web"))).isTrue();
    }

    private static String annotation() {
        Deployment d = client.apps().deployments().inNamespace("shop").withName("web").get();
        var meta = d.getSpec().getTemplate().getMetadata();
        return meta.getAnnotations() == null ? null : meta.getAnnotations().get(RolloutRestartDriver.RESTARTED_AT);
    }
}
