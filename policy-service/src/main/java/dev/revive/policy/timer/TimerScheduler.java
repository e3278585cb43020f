package dev.revive.policy.timer;

import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.revive.policy.config.PolicyConfig;
import dev.revive.policy.db.Transactions;
import dev.revive.policy.incident.service.IncidentService;
import dev.revive.policy.incident.store.TimerStore;
import dev.revive.policy.registry.TargetRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.vertx.mutiny.core.Vertx;

/**
 * Fires due timers from the {@code timers} table. Timers live in PostgreSQL, so they survive a restart: a timer
 * that came due while the service was down fires on the first tick after start. Each is claimed (deleted) in the
 * transaction that appends its events, so with several instances it still fires once.
 */
@ApplicationScoped
public class TimerScheduler {

    private static final Logger LOG = Logger.getLogger(TimerScheduler.class);

    @Inject
    Vertx vertx;
    @Inject
    Transactions tx;
    @Inject
    TimerStore timers;
    @Inject
    IncidentService incidents;
    @Inject
    TargetRegistry registry;
    @Inject
    PolicyConfig config;

    private final AtomicBoolean running = new AtomicBoolean();
    private long periodic = -1;

    void start(@Observes StartupEvent ev) {
        periodic = vertx.setPeriodic(config.timers().pollInterval().toMillis(), id -> tick());
    }

    void stop(@Observes ShutdownEvent ev) {
        if (periodic >= 0) {
            vertx.cancelTimer(periodic);
        }
    }

    void tick() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        registry.ready().chain(() -> tx.read(s -> timers.due(s, 100)))
                .onItem().transformToMulti(list -> Multi.createFrom().iterable(list))
                .onItem().transformToUniAndConcatenate(due -> incidents.fire(due)
                        .onFailure().invoke(t -> LOG.warnf("timer %s of %s failed: %s", due.kind(), due.incidentId(), t.toString()))
                        .onFailure().recoverWithNull())
                .collect().last()
                .subscribe().with(x -> running.set(false), t -> {
                    LOG.warnf("timer tick failed: %s", t.toString());
                    running.set(false);
                });
    }
}
