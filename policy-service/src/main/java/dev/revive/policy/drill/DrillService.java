package dev.revive.policy.drill;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

import dev.revive.common.contract.IncidentEvent;
import dev.revive.common.contract.ProbeResult;
import dev.revive.common.contract.RecoveryCommand;
import dev.revive.common.contract.RecoveryResult;
import dev.revive.common.contract.TargetSpec;
import dev.revive.common.signing.CommandSigner;
import dev.revive.common.topic.Topics;
import dev.revive.policy.config.PolicyConfig;
import dev.revive.policy.db.Transactions;
import dev.revive.policy.drill.Drill.Mode;
import dev.revive.policy.drill.Drill.State;
import dev.revive.policy.incident.Ladder;
import dev.revive.policy.incident.store.EventStore;
import dev.revive.policy.incident.store.IncidentReadModel;
import dev.revive.policy.outbox.Outbox;
import dev.revive.policy.outbox.Outbox.Pending;
import dev.revive.policy.outbox.OutboxRelay;
import dev.revive.policy.registry.TargetRegistry;
import dev.revive.policy.silence.SilenceStore;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/**
 * Drills: starts them (a {@code fail-probes} fault in detection, or the target's signed {@code drill.stop} command
 * through the outbox), and a reconciler that finds each running drill's incident, judges it ({@link DrillJudge})
 * and records the end. The fault set lives in memory, refreshed from PostgreSQL by the reconciler and lifted at once
 * in-process when the drill's step returns ({@link #onCommitted}).
 */
@ApplicationScoped
public class DrillService {

    private static final Logger LOG = Logger.getLogger(DrillService.class);
    /** Prefix of a drill's stop command id (and of its pseudo incident id on the command). */
    public static final String PREFIX = "drill-";

    @Inject
    Transactions tx;
    @Inject
    Vertx vertx;
    @Inject
    DrillStore store;
    @Inject
    EventStore events;
    @Inject
    TargetRegistry registry;
    @Inject
    Outbox outbox;
    @Inject
    OutboxRelay relay;
    @Inject
    CommandSigner signer;
    @Inject
    PolicyConfig config;
    @Inject
    SilenceStore silences;
    @Inject
    IncidentReadModel readModel;

    /** Targets whose probe results count as failures: target id → drill id. */
    private final Map<String, String> faults = new ConcurrentHashMap<>();
    /**
     * Targets with a running drill that has not found its incident yet: target id → drill id. The incident such a
     * drill causes starts the ladder at step 1 whatever the reset window says (see IncidentService).
     */
    private final Map<String, String> awaiting = new ConcurrentHashMap<>();
    /** Drills whose fault was lifted here (bounded by the drills one instance runs; cleared at restart). */
    private final Set<String> lifted = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean running = new AtomicBoolean();
    private long periodic = -1;

    /** Why a drill cannot start. */
    public static class Conflict extends RuntimeException {
        public Conflict(String message) {
            super(message);
        }
    }

    void start(@Observes StartupEvent ev) {
        periodic = vertx.setPeriodic(config.drills().pollInterval().toMillis(), id -> reconcileInBackground());
    }

    void stop(@Observes ShutdownEvent ev) {
        if (periodic >= 0) {
            vertx.cancelTimer(periodic);
        }
    }

    /**
     * Starts a drill. The caller checked that the target exists (and, for {@code stop-target}, names a stop action).
     * Fails with {@link Conflict} when the target has an open incident or a running drill.
     */
    public Uni<Drill> start(TargetSpec target, Mode mode, Duration timeout, String by) {
        Instant now = Instant.now();
        String id = UUID.randomUUID().toString();
        String stopId = mode == Mode.STOP_TARGET ? PREFIX + id + "-stop" : null;
        Drill d = new Drill(id, target.id(), mode, State.RUNNING, now, now.plus(timeout), null, stopId, null, null, null, null, by);
        return tx.run(s -> events.loadOpenOf(s, target.id()).chain(open -> {
            if (open != null) {
                return Uni.createFrom().failure(new Conflict("target " + target.id() + " has an open incident " + open.id()));
            }
            return guardrails(s, target, mode, now);
        }).chain(() -> {
            Uni<Void> insert = store.insert(s, d);
            return stopId == null ? insert : insert.chain(() -> outbox.write(s, List.of(stopCommand(d, target, now))));
        })).onFailure(DrillStore.AlreadyRunning.class).transform(t -> new Conflict(t.getMessage()))
                .invoke(() -> {
                    awaiting.put(target.id(), id);
                    if (mode == Mode.FAIL_PROBES) {
                        faults.put(target.id(), id);
                    } else {
                        relay.wake();
                    }
                    LOG.infof("drill %s started on %s (%s, timeout %s)", id, target.id(), mode.wire(), timeout);
                }).replaceWith(d);
    }

    /**
     * The guardrails of a real incident, checked before the drill acts: no silence covers the target (a silenced
     * incident is held and tells nobody, so the drill would leave it broken unwatched) and the action budget has room
     * for what the drill will run (its stop command and step 1). Holds are an open incident's, refused above; the
     * blast-radius guard is checked by the caller.
     */
    private Uni<Void> guardrails(Mutiny.StatelessSession s, TargetSpec target, Mode mode, Instant now) {
        int needs = (mode == Mode.STOP_TARGET ? 1 : 0) + (Ladder.step(target, 1) == null ? 0 : 1);
        int budget = target.recovery().effectiveActionBudgetPerDay();
        Instant since = now.minus(Duration.ofDays(1));
        return silences.covering(s, target.id(), target.tags()).chain(silence -> {
            if (silence != null) {
                return Uni.createFrom().failure(new Conflict("target " + target.id() + " is silenced by silence " + silence.id()
                        + (silence.reason() == null ? "" : " (" + silence.reason() + ")") + " until " + silence.endsAt()
                        + ": a drill would leave it down and tell nobody; end the silence first"));
            }
            return readModel.facts(s, target.id(), target.tags(), since).chain(f -> store.stopsSince(s, target.id(), since)
                    .chain(stops -> {
                        long used = f.actionsSince() + stops;
                        if (used + needs > budget) {
                            return Uni.createFrom().failure(new Conflict("action budget of " + budget + " per day for target "
                                    + target.id() + ": " + used + " used, the drill needs " + needs));
                        }
                        return Uni.createFrom().voidItem();
                    }));
        });
    }

    private Pending stopCommand(Drill d, TargetSpec target, Instant now) {
        var step = target.drill().stop();
        RecoveryCommand signed = signer.sign(new RecoveryCommand(d.stopCommandId(), PREFIX + d.id(), target.id(), 0, step.action(),
                target.resolvedParams(step), now, now.plus(config.commands().ttl()), null, null));
        return Pending.of(Topics.COMMANDS, signed, signed.commandId(), signed.targetId(), now);
    }

    /** A drill with where it stands now (live for a running one). */
    public record View(Drill drill, DrillJudge.Report report) {
    }

    public Uni<View> get(String id) {
        return tx.read(s -> store.get(s, id).chain(d -> d == null ? Uni.createFrom().nullItem() : view(s, d)));
    }

    public Uni<List<Drill>> recent() {
        return tx.read(s -> store.recent(s, 50));
    }

    private Uni<View> view(Mutiny.StatelessSession s, Drill d) {
        Uni<String> incident = d.incidentId() != null ? Uni.createFrom().item(d.incidentId())
                : d.state() == State.RUNNING ? store.incidentSince(s, d.targetId(), d.startedAt()) : Uni.createFrom().nullItem();
        return incident.chain(inc -> (inc == null ? Uni.createFrom().item(List.<IncidentEvent>of()) : events.load(s, inc))
                .map(evs -> {
                    Drill withIncident = inc == null ? d : d.with(d.state(), inc, d.endedAt(), d.outcome());
                    return new View(withIncident, DrillJudge.judge(withIncident, evs, Instant.now()));
                }));
    }

    /** The incident decider's context asks: is the next incident of this target a running drill's own? */
    public boolean awaitsIncident(String targetId) {
        return !awaiting.isEmpty() && awaiting.containsKey(targetId);
    }

    /** Detection asks: does this target's probe result count as a failure? */
    public boolean failing(String targetId) {
        return !faults.isEmpty() && faults.containsKey(targetId);
    }

    /** The result detection sees while a {@code fail-probes} drill is in force: the same probe, failed. */
    public ProbeResult asFailure(ProbeResult r) {
        return new ProbeResult(r.id(), r.targetId(), r.location(), r.proberId(), r.seq(), r.startedAt(), r.durationMicros(),
                ProbeResult.Outcome.DOWN, ProbeResult.ErrorClass.DRILL, null, null, r.address(), null,
                "drill " + faults.get(r.targetId()) + ": probe counted as failed");
    }

    /**
     * An incident decision committed: when it carries the step result of a target under a {@code fail-probes}
     * fault, the simulated outage is over (the step "cured" it), before the next probe is looked at.
     */
    public void onCommitted(List<IncidentEvent> decided) {
        if (faults.isEmpty()) {
            return;
        }
        for (IncidentEvent e : decided) {
            if (e instanceof IncidentEvent.RecoveryStepSucceeded || e instanceof IncidentEvent.RecoveryStepFailed) {
                String drill = faults.remove(e.targetId());
                if (drill != null) {
                    lifted.add(drill);
                    LOG.infof("drill fault on %s lifted: step result of %s", e.targetId(), e.incidentId());
                }
            }
        }
    }

    /** The actuator answered a drill's stop command. */
    public Uni<Void> onStopResult(RecoveryResult r) {
        return tx.run(s -> store.stopResult(s, r.commandId(), r.status().name(), r.reason()))
                .call(this::reconcile);
    }

    private void reconcileInBackground() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        reconcile().subscribe().with(x -> running.set(false), t -> {
            LOG.warnf("drill reconciliation failed: %s", t.toString());
            running.set(false);
        });
    }

    private record Judged(Drill drill, DrillJudge.Report report) {
    }

    /**
     * Judges every running drill, records those that found their incident or ended, and keeps the fault set to the
     * {@code fail-probes} drills still in force (a fault lifted in-process is never put back by a pass that read the
     * events before the step's result).
     */
    public Uni<Void> reconcile() {
        return tx.read(store::running).onItem().transformToMulti(l -> Multi.createFrom().iterable(l))
                .onItem().transformToUniAndConcatenate(d -> tx.run(s -> view(s, d).chain(v -> {
                    DrillJudge.Report r = v.report();
                    Drill now = v.drill().with(r.state(), v.drill().incidentId(), r.endedAt(), r.outcome());
                    boolean changed = r.state() != State.RUNNING || !Objects.equals(now.incidentId(), d.incidentId());
                    return (changed ? store.update(s, now) : Uni.createFrom().voidItem()).replaceWith(new Judged(now, r));
                })))
                .collect().asList().invoke(all -> {
                    for (Judged j : all) {
                        Drill d = j.drill();
                        if (j.report().state() == State.RUNNING && d.incidentId() == null) {
                            awaiting.putIfAbsent(d.targetId(), d.id());
                        } else {
                            awaiting.remove(d.targetId(), d.id());
                        }
                        if (j.report().faultActive() && !lifted.contains(d.id())) {
                            faults.putIfAbsent(d.targetId(), d.id());
                        } else {
                            faults.remove(d.targetId(), d.id());
                        }
                        if (j.report().state() != State.RUNNING) {
                            LOG.infof("drill %s on %s ended %s: %s", d.id(), d.targetId(), j.report().state(), j.report().outcome());
                        }
                    }
                }).replaceWithVoid();
    }
}
