package dev.revive.policy.detection;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.revive.policy.config.PolicyConfig;
import dev.revive.policy.db.Transactions;
import dev.revive.policy.registry.TargetRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.annotation.Identifier;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/**
 * The watchdog: every {@code revive.watchdog.sweep-interval} it sweeps the {@link StallWatch} over the registered
 * targets and turns each change into a WARNING incident of rule {@value WarningRules#RESULTS_MISSING} (raised, or
 * resolved once results come back), told through the normal notification path. One periodic sweep, no timer per
 * target, and only over the targets whose {@code revive.health} partition this instance consumes
 * ({@link HealthAssignment}). At start it learns the targets whose warning is still open, so that it clears them when due.
 */
@ApplicationScoped
public class Watchdog {

    private static final Logger LOG = Logger.getLogger(Watchdog.class);

    @Inject
    Vertx vertx;
    @Inject
    TargetRegistry registry;
    @Inject
    WarningService warnings;
    @Inject
    Transactions tx;
    @Inject
    @Identifier("health-assignment")
    HealthAssignment assignment;

    private final StallWatch watch;
    private final PolicyConfig.Watchdog settings;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile boolean seeded;
    private long periodic = -1;

    @Inject
    Watchdog(PolicyConfig config) {
        settings = config.watchdog();
        watch = new StallWatch(config.detection().locations().orElse(List.of()), settings.missedIntervals(), settings.slack());
    }

    void start(@Observes StartupEvent ev) {
        if (settings.enabled()) {
            periodic = vertx.setPeriodic(settings.sweepInterval().toMillis(), id -> sweepInBackground());
        }
    }

    void stop(@Observes ShutdownEvent ev) {
        if (periodic >= 0) {
            vertx.cancelTimer(periodic);
        }
    }

    /** A trusted result arrived (the health consumer's hot path: one map write). */
    public void heard(String targetId, String location, long nowMillis) {
        watch.heard(targetId, location == null ? "" : location, nowMillis);
    }

    private void sweepInBackground() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        sweep().subscribe().with(x -> running.set(false), t -> {
            LOG.warnf("watchdog sweep failed: %s", t.toString());
            running.set(false);
        });
    }

    /** One sweep: the changes decided one after another (a silent location can change many targets at once). */
    public Uni<Void> sweep() {
        return registry.ready().chain(this::seed).onItem().transformToMulti(x -> {
            List<StallWatch.Change> changes = watch.sweep(registry.all(), assignment::owns, System.currentTimeMillis());
            if (!changes.isEmpty()) {
                LOG.infof("watchdog: %d target(s) changed (%d raised)", changes.size(),
                        changes.stream().filter(c -> c.finding().holds()).count());
            }
            return Multi.createFrom().iterable(changes);
        }).onItem().transformToUniAndConcatenate(c -> {
            Uni<Void> u = warnings.onFinding(c.targetId(), c.finding());
            return u.onFailure().recoverWithUni(t -> {
                LOG.warnf("watchdog finding for %s not stored: %s", c.targetId(), t.toString());
                watch.undo(c.targetId(), c.finding().holds());
                return Uni.createFrom().voidItem();
            });
        }).collect().last().replaceWithVoid();
    }

    private Uni<Void> seed() {
        if (seeded) {
            return Uni.createFrom().voidItem();
        }
        return tx.read(s -> s.createSelectionQuery("select i.targetId from IncidentRow i where i.rule = :rule "
                + "and i.phase <> 'RESOLVED' and i.severity = 'WARNING'", String.class)
                .setParameter("rule", WarningRules.RESULTS_MISSING).getResultList()).invoke(open -> {
                    open.forEach(watch::raisedBefore);
                    seeded = true;
                }).replaceWithVoid();
    }
}
