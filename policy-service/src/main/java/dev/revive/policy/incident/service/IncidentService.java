package dev.revive.policy.incident.service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.revive.common.contract.IncidentEvent;
import dev.revive.common.contract.NotificationRequest;
import dev.revive.common.contract.RecoveryCommand;
import dev.revive.common.contract.Severity;
import dev.revive.common.contract.TargetSpec;
import dev.revive.common.signing.CommandSigner;
import dev.revive.common.topic.Topics;
import dev.revive.policy.config.PolicyConfig;
import dev.revive.policy.db.SqlPart;
import dev.revive.policy.db.Transactions;
import dev.revive.policy.incident.IncidentCommand.TimerFired;
import dev.revive.policy.incident.store.EventStore;
import dev.revive.policy.incident.store.EventStore.ConcurrencyException;
import dev.revive.policy.incident.store.IncidentReadModel;
import dev.revive.policy.incident.store.TimerStore;
import dev.revive.policy.outbox.Outbox;
import dev.revive.policy.outbox.Outbox.Pending;
import dev.revive.policy.outbox.OutboxRelay;
import dev.revive.policy.security.LinkTokens;
import dev.revive.policy.registry.TargetRegistry;
import dev.revive.policy.incident.Decision;
import dev.revive.policy.incident.DecisionCommitted;
import dev.revive.policy.incident.DecisionContext;
import dev.revive.policy.incident.IncidentCommand;
import dev.revive.policy.incident.IncidentDecider;
import dev.revive.policy.incident.IncidentEvolver;
import dev.revive.policy.incident.IncidentState;
import dev.revive.policy.incident.IncidentTimers;
import dev.revive.policy.incident.LadderStart;
import dev.revive.policy.incident.NotificationPlanner;
import dev.revive.policy.incident.OriginalWatch;
import dev.revive.policy.incident.Phase;
import dev.revive.policy.incident.SilenceCheck;
import dev.revive.policy.incident.TargetHealth;
import dev.revive.policy.incident.store.BlastRadiusGuard;
import io.micrometer.core.instrument.MeterRegistry;
import org.hibernate.reactive.mutiny.Mutiny;
import io.smallrye.mutiny.Uni;

/**
 * The edge around the pure decider: in one transaction it loads an incident's stream, gathers the context,
 * decides, appends the events with the expected version, updates the read model and the timer, and writes the
 * messages the events cause (incident events, signed commands, notifications) to the outbox. A concurrent writer
 * makes the append fail; the whole thing is then retried from a fresh read.
 */
@ApplicationScoped
public class IncidentService {

    private static final Logger LOG = Logger.getLogger(IncidentService.class);
    private static final int RETRIES = 8;

    @Inject
    Transactions tx;
    @Inject
    EventStore store;
    @Inject
    IncidentReadModel readModel;
    @Inject
    TimerStore timers;
    @Inject
    Outbox outbox;
    @Inject
    TargetRegistry registry;
    @Inject
    TargetHealth health;
    @Inject
    CommandSigner signer;
    @Inject
    LinkTokens tokens;
    @Inject
    PolicyConfig config;
    @Inject
    MeterRegistry metrics;
    @Inject
    OutboxRelay relay;
    @Inject
    SilenceCheck silences;
    @Inject
    LadderStart ladderStart;
    @Inject
    Event<DecisionCommitted> committed;

    private NotificationPlanner planner;
    private BlastRadiusGuard guard;

    @PostConstruct
    void init() {
        planner = new NotificationPlanner(NotificationPlanner.parseRecipients(config.notifications().defaultRecipients()),
                this::links);
        guard = new BlastRadiusGuard(tx, config.guard().blastRadiusShare(), config.guard().blastRadiusMinTargets(),
                config.guard().blastRadiusWindow());
    }

    public NotificationPlanner planner() {
        return planner;
    }

    /** Signed links for an incident's notifications. */
    public Map<String, String> links(String incidentId) {
        String base = config.publicUrl().replaceAll("/+$", "");
        Map<String, String> out = new LinkedHashMap<>();
        out.put("hold", base + "/links/" + tokens.issue(incidentId, "hold"));
        out.put("ack", base + "/links/" + tokens.issue(incidentId, "ack"));
        out.put("incident", base + "/incidents/" + incidentId);
        return out;
    }

    /**
     * A detection verdict about a target: goes to its open incident, or opens one on DOWN. The open incident's
     * events and the decision context are one statement; the decision's writes another (autocommit: the append at the
     * expected version, and the unique open incident per target, make a concurrent writer fail and retry). A DOWN is
     * recorded in the shared blast-radius guard by a statement on another connection, run alongside the read (so it
     * adds no round trip), whose answer — including every other replica's DOWNs — decides whether actions are held.
     */
    public Uni<Decision> onTarget(String targetId, IncidentCommand command) {
        var spec = registry.get(targetId);
        // Recorded once: a retried decision reuses the first answer (trippedNow must be told once).
        Uni<BlastRadiusGuard.State> down = command instanceof IncidentCommand.TargetDown
                ? guard.recordDown(targetId, registry.size()).memoize().indefinitely() : null;
        Uni<Decision> once = tx.autocommit(s -> {
            Uni<IncidentReadModel.OpenAndFacts> read = readModel.openWithFacts(s, targetId, tags(spec), budgetSince());
            Uni<IncidentReadModel.OpenAndFacts> withGuard = down == null ? read
                    : Uni.combine().all().unis(read, down).asTuple().map(t -> {
                        var f = t.getItem1().facts();
                        return new IncidentReadModel.OpenAndFacts(t.getItem1().open(), new IncidentReadModel.Facts(
                                f.previous(), f.actionsSince(), f.silenced(), t.getItem2().recentDowns()));
                    });
            return withGuard.chain(found -> {
                var open = found.open();
                if (open == null && !(command instanceof IncidentCommand.TargetDown)) {
                    return Uni.createFrom().nullItem();
                }
                String stream = open != null ? open.id() : UUID.randomUUID().toString();
                return decideAndStore(s, stream, targetId, command, open == null ? List.of() : open.events(),
                        state -> Uni.createFrom().item(context(state, found.facts())));
            });
        });
        Uni<Decision> decided = retrying(once).invoke(this::committed);
        return down == null ? decided : decided.call(() -> down.chain(this::toldIfTripped));
    }

    /**
     * A metric rule's condition changed for a target: goes to the open WARNING incident of that rule, or opens one
     * when it started to hold. WARNING incidents never act.
     */
    public Uni<Decision> onWarning(String targetId, String rule, IncidentCommand command) {
        Uni<Decision> once = tx.autocommit(s -> readModel.openWarningOf(s, targetId, rule).chain(open -> {
            if (open == null && !(command instanceof IncidentCommand.WarningRaised)) {
                return Uni.createFrom().nullItem();
            }
            Uni<List<IncidentEvent>> history = open == null ? Uni.createFrom().item(List.of()) : store.load(s, open);
            String stream = open != null ? open : UUID.randomUUID().toString();
            return history.chain(h -> decideAndStore(s, stream, targetId, command, h,
                    state -> silenced(s, targetId).map(silenced -> context(targetId, 0, null, silenced, false))));
        }));
        return retrying(once).invoke(this::committed);
    }

    private Uni<Boolean> silenced(Mutiny.StatelessSession s, String targetId) {
        return silences.covers(s, targetId, tags(registry.get(targetId)));
    }

    private static List<String> tags(TargetSpec spec) {
        return spec == null ? List.of() : spec.tags();
    }

    /** The action budget counts the commands of the last day. */
    private static Instant budgetSince() {
        return Instant.now().minus(Duration.ofDays(1));
    }

    /** A command for a known incident (results, receipts, people). */
    public Uni<Decision> onIncident(String incidentId, IncidentCommand command) {
        return retrying(tx.autocommit(s -> store.load(s, incidentId)
                .chain(h -> decideAndStore(s, incidentId, null, command, h, state -> gather(s, state))))).invoke(this::committed);
    }

    /**
     * A due timer: claimed (deleted) in the same transaction as the events it causes, so it fires once. The only
     * decision in an explicit transaction: the claim and the write are two statements.
     */
    public Uni<Decision> fire(TimerStore.Due due) {
        return retrying(tx.run(s -> timers.claim(s, due).chain(claimed -> !claimed ? Uni.createFrom().<Decision>nullItem()
                : store.load(s, due.incidentId()).chain(h -> decideAndStore(s, due.incidentId(), null,
                        new TimerFired(due.kind(), due.step()), h, state -> gather(s, state))))))
                .invoke(this::committed);
    }

    /**
     * The decision's writes committed: the relay publishes them at once, and whatever else reacts to a decision (a
     * drill lifts its fault, the original instance's watch starts or ends) observes {@link DecisionCommitted}.
     */
    private void committed(Decision d) {
        if (d == null || d.isEmpty()) {
            return;
        }
        relay.wake(); // the outbox is the layer below: its rows go out at once rather than on the NOTIFY
        d.targets().forEach(t -> registry.remember(t.after())); // before the observers, which read the target
        committed.fire(new DecisionCommitted(d.events()));
    }

    /**
     * Detection saw a derived {@code <targetId>.original} target UP: the original instance answers again. Its
     * incident records {@code OriginalInstanceBack} (and tells the target's recipients) and the derived target is
     * deleted in the same transaction; when the incident has nothing to record, the watch is simply dropped.
     */
    public Uni<Void> onOriginalBack(TargetSpec watch) {
        String incidentId = OriginalWatch.incidentOf(watch);
        if (incidentId == null) {
            return Uni.createFrom().voidItem();
        }
        return onIncident(incidentId, new IncidentCommand.OriginalAnswered(Instant.now(), watch.probe().host()))
                .chain(d -> d != null && !d.isEmpty() ? Uni.createFrom().voidItem()
                        : registry.delete(watch.id()).replaceWithVoid());
    }

    /**
     * Why the blast-radius guard holds actions now (a drill would act like a step), or null when it does not: the
     * shared guard's count of DOWNs within its window, across replicas.
     */
    public Uni<String> guardHolds() {
        int fleet = registry.size();
        return guard.recentDowns().map(downs -> !guard.suspect(downs, fleet) ? null
                : "the blast-radius guard holds actions: " + downs + " of " + fleet + " targets went down within "
                        + config.guard().blastRadiusWindow() + " (probe network suspected)");
    }

    /** The DOWN that tripped the blast-radius guard (across replicas, once) tells people. */
    private Uni<Void> toldIfTripped(BlastRadiusGuard.State g) {
        if (!g.trippedNow()) {
            return Uni.createFrom().voidItem();
        }
        LOG.warnf("blast-radius guard tripped: %d of %d targets down within %s", g.recentDowns(), registry.size(),
                config.guard().blastRadiusWindow());
        Instant now = Instant.now();
        String id = "probe-network-" + UUID.randomUUID();
        var n = new NotificationRequest(id, null, "revive.fleet", "Revive fleet", NotificationRequest.Kind.PROBE_NETWORK_SUSPECTED,
                Severity.CRITICAL, 0, null, g.recentDowns() + " of " + registry.size()
                        + " targets went down within " + config.guard().blastRadiusWindow() + ": probe network suspected, actions held",
                Map.of("downTargets", Integer.toString(g.recentDowns()), "fleetSize", Integer.toString(registry.size())),
                Map.of(), planner.recipients(null, Severity.CRITICAL), List.of(), List.of(), now, null);
        return tx.run(s -> outbox.write(s, List.of(Pending.of(Topics.NOTIFICATIONS, n, id, "revive.fleet", now))))
                .invoke(relay::wake);
    }

    private Uni<Decision> retrying(Uni<Decision> once) {
        return once.onFailure(t -> t instanceof ConcurrencyException || EventStore.isTransient(t)).retry()
                .withBackOff(Duration.ofMillis(5), Duration.ofMillis(100)).atMost(RETRIES);
    }

    /** @param context the decision's context for the folded state (read here, or already read with the stream) */
    private Uni<Decision> decideAndStore(Mutiny.StatelessSession s, String streamId, String targetHint, IncidentCommand command,
            List<IncidentEvent> history, Function<IncidentState, Uni<DecisionContext>> context) {
        String targetId = history.isEmpty() ? targetHint : history.get(0).targetId();
        if (targetId == null) {
            return Uni.createFrom().nullItem();
        }
        IncidentState state = IncidentEvolver.fold(IncidentState.empty(streamId, targetId), history);
        return context.apply(state).chain(ctx -> {
            Decision d = IncidentDecider.decide(command, state, ctx);
            if (d.isEmpty()) {
                return Uni.createFrom().item(d);
            }
            return persist(s, history, state, d, ctx).replaceWith(d);
        });
    }

    /** The context's reads in one statement (see {@link IncidentReadModel#facts}). */
    private Uni<DecisionContext> gather(Mutiny.StatelessSession s, IncidentState state) {
        String targetId = state.targetId();
        return readModel.facts(s, targetId, tags(registry.get(targetId)), budgetSince()).map(f -> context(state, f));
    }

    /**
     * A drill's incident always starts the ladder at step 1: the outage is deliberate, not the target going down
     * again within its reset window.
     */
    private DecisionContext context(IncidentState state, IncidentReadModel.Facts f) {
        String targetId = state.targetId();
        return context(targetId, f.actionsSince(), state.phase() == Phase.NONE && !ladderStart.startsAtStepOne(targetId)
                ? f.previous() : null, f.silenced(), guard.suspect(f.recentDowns(), registry.size()));
    }

    private DecisionContext context(String targetId, int actionsToday, DecisionContext.Previous previous, boolean silenced,
            boolean networkSuspect) {
        return new DecisionContext(Instant.now(), registry.get(targetId), health.isUp(targetId), actionsToday,
                networkSuspect, previous, config.commands().ttl(), silenced);
    }

    private Uni<Void> persist(Mutiny.StatelessSession s, List<IncidentEvent> history, IncidentState before, Decision d,
            DecisionContext ctx) {
        String stream = before.incidentId();
        List<Pending> messages = new ArrayList<>();
        int v = before.version();
        for (IncidentEvent e : d.events()) {
            v++;
            messages.add(Pending.of(Topics.INCIDENTS, e, stream + "-" + v, e.targetId(), e.at()));
        }
        for (RecoveryCommand cmd : d.commands()) {
            RecoveryCommand signed = signer.sign(cmd);
            messages.add(Pending.of(Topics.COMMANDS, signed, signed.commandId(), signed.targetId(), signed.issuedAt()));
        }
        if (!ctx.silenced()) { // a silence records the incident (events above) but tells nobody
            for (NotificationRequest n : planner.plan(ctx.spec(), history, d.events(), before.version() + 1, d.state())) {
                messages.add(Pending.of(Topics.NOTIFICATIONS, n, n.notificationId(), n.targetId(), n.at()));
            }
        }
        // One statement: the append, the read model's row, the timer, the outbox messages and a derived target's
        // row, so one round trip and atomic; a lost race fails it whole (ConcurrencyException: decide again).
        List<SqlPart> alongside = new ArrayList<>();
        alongside.add(readModel.save(d.state(), before.version()));
        alongside.add(timers.replace(stream, IncidentTimers.desired(d.state(), ctx.spec(), ctx.commandTtl())));
        alongside.add(outbox.insert(messages));
        for (Decision.Rewrite t : d.targets()) { // a replacement adopted: the target names the new instance
            alongside.addAll(registry.rewrite(t.before(), t.after()));
        }
        for (IncidentEvent e : d.events()) { // the original instance's watch starts and ends with the incident's events
            if (e instanceof IncidentEvent.RecoveryStepSucceeded ok && ok.originalAddress() != null) {
                TargetSpec watch = OriginalWatch.derive(ctx.spec(), stream, ok.originalAddress());
                if (watch != null) {
                    alongside.addAll(registry.write(watch));
                }
            } else if (e instanceof IncidentEvent.OriginalInstanceBack) {
                alongside.addAll(registry.remove(OriginalWatch.idFor(e.targetId())));
            }
        }
        return store.append(s, stream, before.version(), d.events(), alongside)
                .invoke(() -> metrics.counter("revive.incident.events").increment(d.events().size()));
    }
}
