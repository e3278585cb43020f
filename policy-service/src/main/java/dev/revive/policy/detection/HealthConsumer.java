package dev.revive.policy.detection;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import dev.revive.common.contract.ProbeResult;
import dev.revive.common.contract.TargetSpec;
import dev.revive.common.envelope.EnvelopeCodec;
import dev.revive.common.envelope.EnvelopeException;
import dev.revive.policy.config.PolicyConfig;
import dev.revive.policy.drill.DrillService;
import dev.revive.policy.history.HealthHistory;
import dev.revive.policy.incident.IncidentCommand;
import dev.revive.policy.incident.service.IncidentService;
import dev.revive.policy.incident.OriginalWatch;
import dev.revive.policy.messaging.HealthDeadLetters;
import dev.revive.policy.messaging.OutsideText;
import dev.revive.policy.registry.TargetRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

/**
 * {@code revive.health}, consumed in batches: every ProbeResult goes through detection in memory (no SQL when
 * nothing changes); a changed verdict is decided and committed before the next record of the batch is looked at,
 * so detection and decisions stay in record order. The batch is acked (its offsets become committable) only once
 * every decision it caused is committed and every dead letter it produced is on {@code revive.health.dlq}.
 *
 * <p>A result detection must not trust ({@link ResultTrust}: an unknown location, a start time ahead of the clock)
 * is refused before detection sees it; the others tell the {@link Watchdog} that the location still reports.
 *
 * <p>An unreadable record, or one whose decision could not be stored, goes to the dead-letter topic with the
 * reason; for the latter the target's counts are dropped so that the next probes decide again.
 */
@ApplicationScoped
public class HealthConsumer {

    private static final Logger LOG = Logger.getLogger(HealthConsumer.class);

    @Inject
    DetectionService detection;
    @Inject
    TargetRegistry registry;
    @Inject
    IncidentService incidents;
    @Inject
    HealthDeadLetters deadLetters;
    @Inject
    WarningService warnings;
    @Inject
    DrillService drills;

    @Inject
    Watchdog watchdog;
    @Inject
    HealthHistory history;

    private final Counter consumed;
    private final Map<ResultTrust.Kind, Counter> rejectedCounters = new java.util.EnumMap<>(ResultTrust.Kind.class);
    private final ResultTrust trust;
    /** Locations already logged as refused (bounded: a flood of invented names logs the first ones only). */
    private final Set<String> logged = ConcurrentHashMap.newKeySet();

    @Inject
    HealthConsumer(MeterRegistry metrics, PolicyConfig config) {
        consumed = metrics.counter("revive.health.consumed");
        for (ResultTrust.Kind k : ResultTrust.Kind.values()) {
            rejectedCounters.put(k, metrics.counter("revive.health.rejected", "reason", k.tag()));
        }
        trust = new ResultTrust(config.detection().locations().orElse(List.of()), config.detection().maxClockSkew());
    }

    /** A result detection must not count: counted by reason, logged once per location and kind, dead-lettered. */
    private void refuse(KafkaRecord<String, byte[]> rec, ProbeResult r, ResultTrust.Rejection why, List<Uni<Void>> dead) {
        rejectedCounters.get(why.kind()).increment();
        String key = why.kind() + "|" + r.location();
        if (logged.size() < 1_000 && logged.add(key)) {
            LOG.warnf("probe result refused (%s): %s", why.kind().tag(), why.reason());
        }
        dead.add(deadLetters.send(rec, new EnvelopeException(why.reason())));
    }

    @Incoming("health")
    public Uni<Void> consume(KafkaRecordBatch<String, byte[]> batch) {
        List<KafkaRecord<String, byte[]>> records = batch.getRecords();
        List<Uni<Void>> dead = new ArrayList<>();
        return registry.ready()
                .chain(() -> from(records, 0, dead))
                .chain(() -> dead.isEmpty() ? Uni.createFrom().voidItem() : Uni.join().all(dead).andFailFast().replaceWithVoid())
                .chain(() -> Uni.createFrom().completionStage(batch.ack()));
    }

    /** Runs detection from record {@code i} on, in memory, until a verdict changes; then decides and goes on. */
    private Uni<Void> from(List<KafkaRecord<String, byte[]>> records, int i, List<Uni<Void>> dead) {
        int readable = 0;
        try {
            for (; i < records.size(); i++) {
                KafkaRecord<String, byte[]> rec = records.get(i);
                ProbeResult read;
                try {
                    read = read(rec);
                } catch (EnvelopeException e) {
                    dead.add(deadLetters.send(rec, e));
                    continue;
                }
                readable++;
                TargetSpec spec = registry.get(read.targetId());
                if (spec == null) {
                    continue; // not (or no longer) a registered target
                }
                ResultTrust.Rejection rejected = trust.check(read, spec, Instant.now());
                if (rejected != null) {
                    refuse(rec, read, rejected, dead);
                    continue;
                }
                boolean signal = read.errorClass() == ProbeResult.ErrorClass.SIGNAL; // an alert, not a probe
                if (!signal) {
                    watchdog.heard(read.targetId(), read.location(), System.currentTimeMillis());
                    history.onResult(read); // what the server really answered, also during a fail-probes drill
                }
                // A fail-probes drill: the simulated outage lasts until its incident's first step returns.
                ProbeResult r = drills.failing(read.targetId()) && !signal ? drills.asFailure(read) : read;
                Verdict v = detection.observe(r, spec);
                boolean watch = OriginalWatch.isDerived(spec); // an original instance after a re-provision: no warnings
                Uni<Void> warning = watch || signal ? null : warnings.onProbe(r, spec);
                if (v == null && warning == null) {
                    continue;
                }
                int next = i + 1;
                Uni<Void> effect = watch ? (v == Verdict.UP ? incidents.onOriginalBack(spec) : Uni.createFrom().voidItem())
                        : v == null ? warning : warning == null ? decide(r, v) : decide(r, v).chain(() -> warning);
                return effect.onFailure().recoverWithUni(t -> {
                    LOG.errorf("health record for %s could not be processed: %s", r.targetId(), t.toString());
                    detection.forget(r.targetId());
                    dead.add(deadLetters.send(rec, t));
                    return Uni.createFrom().voidItem();
                }).chain(() -> from(records, next, dead));
            }
            return Uni.createFrom().voidItem();
        } finally {
            consumed.increment(readable);
        }
    }

    private static ProbeResult read(KafkaRecord<String, byte[]> rec) {
        // Cleaned where it enters: a NUL in a server's answer must not make the decision's jsonb insert fail.
        ProbeResult r = OutsideText.clean(EnvelopeCodec.decode(rec.getHeaders(), rec.getPayload(), ProbeResult.class).data());
        if (r.targetId() == null || r.targetId().isBlank() || r.outcome() == null) {
            throw new EnvelopeException("ProbeResult needs targetId and outcome");
        }
        return r;
    }

    private Uni<Void> decide(ProbeResult r, Verdict v) {
        Instant now = Instant.now();
        if (v == Verdict.UP) {
            return incidents.onTarget(r.targetId(), new IncidentCommand.TargetUp(now, r.startedAt())).replaceWithVoid();
        }
        var evidence = new HashMap<>(detection.evidence(r.targetId()));
        put(evidence, "errorClass", r.errorClass() == null ? null : r.errorClass().name());
        put(evidence, "statusCode", r.statusCode() == null ? null : r.statusCode().toString());
        put(evidence, "address", r.address());
        put(evidence, "detail", r.detail());
        put(evidence, "probeResultId", r.id());
        String reason = (r.errorClass() == null ? "probe failed" : r.errorClass().name())
                + (r.detail() == null ? "" : ": " + r.detail());
        return incidents.onTarget(r.targetId(), new IncidentCommand.TargetDown(now, reason, evidence)).replaceWithVoid();
    }

    private static void put(Map<String, String> m, String k, String v) {
        if (v != null) {
            m.put(k, v);
        }
    }
}
