package dev.revive.actuator.command;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.revive.actuator.config.ActuatorConfig;
import dev.revive.actuator.driver.ActionContext;
import dev.revive.actuator.driver.ActionFailedException;
import dev.revive.actuator.driver.Driver;
import dev.revive.actuator.driver.Outcome;
import dev.revive.common.contract.RecoveryCommand;

/**
 * Runs a driver under the action's timeout. A driver that overruns is interrupted and the outcome is unknown: the
 * call may have taken effect (a reboot is under way), so the result says to verify, not to repeat.
 */
@ApplicationScoped
public class ActionRunner {

    private static final Logger LOG = Logger.getLogger(ActionRunner.class);

    /** What the runner saw: the driver's outcome, or a timeout. */
    public record Ran(Outcome outcome, boolean timedOut, Duration timeout) {
    }

    private final ActuatorConfig config;
    private final ExecutorService executor = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("revive-action-", 0).factory());

    public ActionRunner(ActuatorConfig config) {
        this.config = config;
    }

    public Duration timeoutOf(String action) {
        return config.actionTimeouts().getOrDefault(action, config.actionTimeout());
    }

    public Ran run(Driver driver, RecoveryCommand command, ActionContext context) {
        Duration timeout = timeoutOf(command.action());
        Future<Outcome> future = executor.submit(() -> driver.run(command, context));
        try {
            return new Ran(future.get(timeout.toMillis(), TimeUnit.MILLISECONDS), false, timeout);
        } catch (TimeoutException e) {
            future.cancel(true);
            return new Ran(null, true, timeout);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            return new Ran(null, true, timeout);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ActionFailedException f) {
                Outcome o = new Outcome(false, f.nonRecoverable(), f.getMessage(), null, null, null);
                return new Ran(o, false, timeout);
            }
            LOG.warnf(cause, "driver %s failed on command %s", driver.getClass().getSimpleName(), command.commandId());
            return new Ran(Outcome.failed("driver error: " + cause, null), false, timeout);
        }
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
