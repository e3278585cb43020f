package dev.revive.policy.silence;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.revive.common.contract.TargetSpec;
import dev.revive.policy.config.PolicyConfig;
import dev.revive.policy.db.Transactions;
import dev.revive.policy.incident.IncidentCommand;
import dev.revive.policy.incident.service.IncidentService;
import dev.revive.policy.incident.store.IncidentReadModel;
import dev.revive.policy.incident.store.IncidentReadModel.OpenCritical;
import dev.revive.policy.registry.TargetRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/**
 * Silences stored in PostgreSQL, and the reconciler that turns them into holds: an open CRITICAL incident whose
 * target an active silence covers gets a hold by {@code silence}; once no silence covers it (ended or deleted)
 * that hold, and only that one, is released, after which the ladder goes on. Runs every
 * {@code revive.silences.poll-interval} and at once after a silence is created or deleted. Incidents opened while
 * silenced are held from their first decision (see {@code DecisionContext.silenced}).
 */
@ApplicationScoped
public class SilenceService {

    private static final Logger LOG = Logger.getLogger(SilenceService.class);

    @Inject
    Transactions tx;
    @Inject
    Vertx vertx;
    @Inject
    SilenceStore store;
    @Inject
    IncidentReadModel readModel;
    @Inject
    IncidentService incidents;
    @Inject
    TargetRegistry registry;
    @Inject
    PolicyConfig config;

    private final AtomicBoolean running = new AtomicBoolean();
    private long periodic = -1;

    void start(@Observes StartupEvent ev) {
        periodic = vertx.setPeriodic(config.silences().pollInterval().toMillis(), id -> reconcileInBackground());
    }

    void stop(@Observes ShutdownEvent ev) {
        if (periodic >= 0) {
            vertx.cancelTimer(periodic);
        }
    }

    public Uni<Silence> create(String targetId, String tag, Instant startsAt, Instant endsAt, String reason, String by) {
        Silence s = new Silence(UUID.randomUUID().toString(), targetId, tag, startsAt, endsAt, reason, by);
        return tx.run(session -> store.insert(session, s)).call(this::reconcile).replaceWith(s);
    }

    public Uni<List<Silence>> current() {
        return tx.read(store::current);
    }

    public Uni<Silence> get(String id) {
        return tx.read(s -> store.get(s, id));
    }

    public Uni<Boolean> delete(String id) {
        return tx.run(s -> store.delete(s, id)).call(deleted -> deleted ? reconcile() : Uni.createFrom().voidItem());
    }

    private void reconcileInBackground() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        reconcile().subscribe().with(x -> running.set(false), t -> {
            LOG.warnf("silence reconciliation failed: %s", t.toString());
            running.set(false);
        });
    }

    /** Holds what an active silence covers, releases what a silence held and none covers any more. */
    public Uni<Void> reconcile() {
        return registry.ready().chain(() -> tx.read(s -> store.current(s).chain(current -> readModel.openCritical(s)
                .map(open -> io.smallrye.mutiny.tuples.Tuple2.of(current, open)))))
                .onItem().transformToMulti(t -> {
                    Instant now = Instant.now();
                    List<Silence> active = t.getItem1().stream().filter(s -> s.activeAt(now)).toList();
                    return Multi.createFrom().iterable(t.getItem2().stream().map(i -> command(i, active))
                            .filter(java.util.Objects::nonNull).toList());
                })
                .onItem().transformToUniAndConcatenate(x -> incidents.onIncident(x.incidentId(), x.command())
                        .onFailure().invoke(e -> LOG.warnf("silence hold/release of %s failed: %s", x.incidentId(), e.toString()))
                        .onFailure().recoverWithNull())
                .collect().last().replaceWithVoid();
    }

    private record Pending(String incidentId, IncidentCommand command) {
    }

    private Pending command(OpenCritical i, List<Silence> active) {
        TargetSpec spec = registry.get(i.targetId());
        List<String> tags = spec == null ? List.of() : spec.tags();
        Silence covering = active.stream().filter(s -> s.covers(i.targetId(), tags)).findFirst().orElse(null);
        if (covering != null && !i.held()) {
            return new Pending(i.incidentId(), new IncidentCommand.SilenceStarted(
                    "silence " + covering.id() + (covering.reason() == null ? "" : ": " + covering.reason())));
        }
        if (covering == null && i.held() && dev.revive.policy.incident.IncidentDecider.SILENCE.equals(i.heldBy())) {
            return new Pending(i.incidentId(), new IncidentCommand.SilenceEnded());
        }
        return null;
    }
}
