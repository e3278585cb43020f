package dev.revive.prober.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

import dev.revive.prober.ProberRuntime;
import dev.revive.prober.schedule.ProbeWatchdog;

/**
 * DOWN while the watchdog sees stalled probes or event loops: a prober that has silently stopped probing must not
 * look healthy. Liveness too, so an orchestrator restarts it and its targets move to the other probers.
 */
@Liveness
@Readiness
@ApplicationScoped
public class ProbingHealth implements HealthCheck {

    @Inject
    ProberRuntime runtime;

    @Override
    public HealthCheckResponse call() {
        ProbeWatchdog w = runtime.watchdog();
        HealthCheckResponseBuilder b = HealthCheckResponse.named("probing");
        if (w == null) {
            return b.up().build();
        }
        ProbeWatchdog.Status s = w.status();
        return b.status(s.healthy())
                .withData("stalledProbes", s.stalledProbes())
                .withData("stalledLoops", s.stalledLoops())
                .withData("stalledTargets", String.join(",", s.stalledTargets()))
                .build();
    }
}
