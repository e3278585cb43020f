package dev.revive.actuator.driver.docker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.revive.actuator.config.ActuatorConfig;
import dev.revive.actuator.driver.ActionContext;
import dev.revive.actuator.driver.ActionFailedException;
import dev.revive.actuator.driver.Driver;
import dev.revive.actuator.driver.Outcome;
import dev.revive.common.contract.Action;
import dev.revive.common.contract.RecoveryCommand;

/**
 * {@code docker-restart}: inspect the container on the Docker engine's socket, refuse it unless the allow-list names
 * it or one of its labels, {@code POST /containers/{id}/restart?t=N} by its id (the name cannot be moved to another
 * container in between), then inspect until it runs again with a new {@code State.StartedAt}. Not resumable: a
 * second restart is a second outage, so a command left STARTED by a crash is reported OUTCOME_UNKNOWN.
 */
@ApplicationScoped
public class DockerRestartDriver implements Driver {

    private final DockerEngine engine;
    private final Path socket;
    private final DockerAllowList allowList;
    private final int defaultStopTimeoutSeconds;
    private final Duration verifyWait;
    private final Duration pollInterval;

    @Inject
    public DockerRestartDriver(ActuatorConfig config) {
        this(Path.of(config.docker().socket()),
                new DockerAllowList(config.docker().allowedNames().orElse(List.of()),
                        config.docker().allowedLabels().orElse(List.of())),
                config.docker().apiVersion(), config.docker().requestTimeout(), config.docker().stopTimeoutSeconds(),
                config.docker().verifyWait(), config.docker().pollInterval());
    }

    public DockerRestartDriver(Path socket, DockerAllowList allowList, String apiVersion, Duration requestTimeout,
            int defaultStopTimeoutSeconds, Duration verifyWait, Duration pollInterval) {
        this.socket = socket;
        this.engine = new DockerEngine(new UnixSocketHttp(socket, 4 * 1024 * 1024), apiVersion, requestTimeout);
        this.allowList = allowList;
        this.defaultStopTimeoutSeconds = defaultStopTimeoutSeconds;
        this.verifyWait = verifyWait;
        this.pollInterval = pollInterval;
    }

    @Override
    public Set<Action> actions() {
        return Set.of(Action.DOCKER_RESTART);
    }

    @Override
    public Outcome run(RecoveryCommand c, ActionContext context) throws InterruptedException {
        String container = c.params().get("container");
        String t = c.params().get("timeoutSeconds");
        int stopTimeout = t == null ? defaultStopTimeoutSeconds : Integer.parseInt(t);
        if (!Files.exists(socket)) {
            throw ActionFailedException.permanent("no Docker engine socket at " + socket
                    + " (mount it, or set revive.actuator.docker.socket)");
        }
        boolean restartSent = false;
        try {
            ContainerState before = engine.inspect(container).orElseThrow(() -> ActionFailedException.permanent(
                    "container '" + container + "' not found on the Docker engine at " + socket));
            var refusal = allowList.refusal(before);
            if (refusal.isPresent()) {
                throw ActionFailedException.permanent(refusal.get() + "; not restarted");
            }
            context.reference("container " + before.name() + " " + before.shortId());
            long t0 = System.nanoTime();
            restartSent = true;
            engine.restart(before.id(), stopTimeout);
            long deadline = System.nanoTime() + verifyWait.toNanos();
            while (true) {
                ContainerState now = engine.inspect(before.id()).orElseThrow(() -> new ActionFailedException(
                        "container '" + before.name() + "' (" + before.shortId() + ") disappeared after its restart", false));
                if (now.running() && !now.startedAt().equals(before.startedAt())) {
                    return Outcome.succeeded("restarted container " + now.name() + " (" + now.shortId() + ") in "
                            + Duration.ofNanos(System.nanoTime() - t0).toMillis() + " ms, stop timeout " + stopTimeout
                            + " s; StartedAt " + before.startedAt() + " -> " + now.startedAt() + ", status " + now.status());
                }
                if (System.nanoTime() > deadline) {
                    return Outcome.failed("container '" + now.name() + "' is not running again with a new StartedAt "
                            + "within " + verifyWait + " of its restart (status " + now.status() + ", StartedAt "
                            + now.startedAt() + ")", null);
                }
                Thread.sleep(pollInterval);
            }
        } catch (DockerApiException e) {
            // 4xx: the engine refuses this container (gone, paused ...); asking again will not change that.
            boolean permanent = e.status() >= 400 && e.status() < 500;
            String what = e.status() == 404 ? "container '" + container + "' not found: " + e.engineMessage()
                    : "Docker engine refused " + (restartSent ? "the restart" : "the inspect") + " of '" + container
                            + "': " + e.status() + " " + e.engineMessage();
            throw new ActionFailedException(what, permanent, e);
        } catch (IOException e) {
            String when = restartSent ? " (the restart may have happened: verify)" : "";
            boolean denied = String.valueOf(e.getMessage()).contains("Permission denied");
            throw new ActionFailedException("Docker engine at " + socket + " failed: " + e.getMessage() + when, denied, e);
        }
    }
}
