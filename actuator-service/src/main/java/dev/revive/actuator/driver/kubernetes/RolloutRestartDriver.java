package dev.revive.actuator.driver.kubernetes;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import dev.revive.actuator.config.ActuatorConfig;
import dev.revive.actuator.driver.ActionContext;
import dev.revive.actuator.driver.ActionFailedException;
import dev.revive.actuator.driver.Driver;
import dev.revive.actuator.driver.Outcome;
import dev.revive.common.contract.Action;
import dev.revive.common.contract.RecoveryCommand;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.RollableScalableResource;

/**
 * {@code kubernetes}: what {@code kubectl rollout restart} does — set the pod template annotation
 * {@code kubectl.kubernetes.io/restartedAt} — then wait until the rollout is complete. The annotation's value is the
 * command's issue time, so a resumed command writes the same value and starts no second rollout: resumable.
 */
@ApplicationScoped
public class RolloutRestartDriver implements Driver {

    static final String RESTARTED_AT = "kubectl.kubernetes.io/restartedAt";

    private final Supplier<KubernetesClient> client;
    private final Duration rolloutWait;
    private final Duration pollInterval;

    @Inject
    public RolloutRestartDriver(Instance<KubernetesClient> client, ActuatorConfig config) {
        // Looked up on first use: the client (and its kubeconfig) is only needed when a rollout is asked for.
        this(client::get, config.kubernetes().rolloutWait(), config.kubernetes().pollInterval());
    }

    public RolloutRestartDriver(Supplier<KubernetesClient> client, Duration rolloutWait, Duration pollInterval) {
        this.client = client;
        this.rolloutWait = rolloutWait;
        this.pollInterval = pollInterval;
    }

    @Override
    public Set<Action> actions() {
        return Set.of(Action.KUBERNETES_ROLLOUT_RESTART);
    }

    @Override
    public boolean resumable(RecoveryCommand command) {
        return command.issuedAt() != null;
    }

    @Override
    public Outcome run(RecoveryCommand c, ActionContext context) throws InterruptedException {
        String ns = c.params().get("namespace");
        String name = c.params().get("deployment");
        String restartedAt = Objects.requireNonNullElseGet(c.issuedAt(), java.time.Instant::now).toString();
        try {
            RollableScalableResource<Deployment> deployment = client.get().apps().deployments().inNamespace(ns)
                    .withName(name);
            if (deployment.get() == null) {
                throw ActionFailedException.permanent("Deployment " + ns + "/" + name + " not found");
            }
            Deployment patched = deployment.edit(d -> new DeploymentBuilder(d).editSpec().editTemplate()
                    .editOrNewMetadata().addToAnnotations(RESTARTED_AT, restartedAt).endMetadata()
                    .endTemplate().endSpec().build());
            context.reference("deployment " + ns + "/" + name + " generation " + patched.getMetadata().getGeneration());
            long deadline = System.nanoTime() + rolloutWait.toNanos();
            while (System.nanoTime() < deadline) {
                Deployment now = deployment.get();
                if (now != null && rolledOut(now)) {
                    return Outcome.succeeded("rollout restart of " + ns + "/" + name + " complete ("
                            + now.getStatus().getUpdatedReplicas() + " updated replicas, restartedAt " + restartedAt + ")");
                }
                Thread.sleep(pollInterval);
            }
            return Outcome.failed("rollout restart of " + ns + "/" + name + " not complete within " + rolloutWait, null);
        } catch (KubernetesClientException e) {
            boolean permanent = e.getCode() == 401 || e.getCode() == 403 || e.getCode() == 404;
            throw new ActionFailedException("kubernetes rollout restart of " + ns + "/" + name + " failed: " + e.getCode()
                    + " " + e.getMessage(), permanent, e);
        }
    }

    /** The same test as {@code kubectl rollout status}: the new template is observed and every replica is new and available. */
    static boolean rolledOut(Deployment d) {
        DeploymentStatus s = d.getStatus();
        if (s == null) {
            return false;
        }
        long generation = d.getMetadata().getGeneration() == null ? 0 : d.getMetadata().getGeneration();
        long observed = s.getObservedGeneration() == null ? -1 : s.getObservedGeneration();
        int wanted = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
        return observed >= generation
                && nz(s.getUpdatedReplicas()) >= wanted
                && nz(s.getReplicas()) <= nz(s.getUpdatedReplicas())
                && nz(s.getAvailableReplicas()) >= nz(s.getUpdatedReplicas());
    }

    private static int nz(Integer i) {
        return i == null ? 0 : i;
    }
}
