package dev.revive.policy.whatif;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Semaphore;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.revive.common.bus.KafkaConnection;
import dev.revive.common.contract.IncidentEvent;
import dev.revive.common.contract.TargetSpec;
import dev.revive.common.validation.ValidationException;
import dev.revive.common.validation.Violation;
import dev.revive.policy.config.PolicyConfig;
import dev.revive.policy.detection.ResultTrust;
import dev.revive.policy.detection.TargetDetector.FlapDamping;
import dev.revive.policy.incident.api.IncidentQueries;
import dev.revive.policy.registry.TargetRegistry;
import dev.revive.policy.registry.api.TargetValidation;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * "What if": the last hours of a target's recorded results ({@code revive.health}, within the topic's retention)
 * replayed through a spec — the registered one or an edited one — by the pure detector and decider
 * ({@link WhatIfSimulator}), beside the target's real incidents of the same window. Nothing is written, sent or
 * changed. The read runs on a worker thread, bounded in results and time; a few replays at a time.
 */
@ApplicationScoped
public class WhatIfService {

    public static final Duration MIN_WINDOW = Duration.ofHours(1);
    public static final Duration MAX_WINDOW = Duration.ofHours(168);
    /** The real incidents whose steps are read (each one query). */
    static final int MAX_DID_WITH_STEPS = 50;

    /** No registered target has that id. */
    public static final class NoSuchTarget extends RuntimeException {
        public NoSuchTarget(String id) {
            super("no target " + id);
        }
    }

    /** As many replays as allowed are running already. */
    public static final class Busy extends RuntimeException {
        public Busy(int running) {
            super(running + " what-if replays are running already: try again shortly");
        }
    }

    @Inject
    TargetRegistry registry;
    @Inject
    TargetValidation validation;
    @Inject
    IncidentQueries queries;
    @Inject
    PolicyConfig config;
    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafka;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private volatile Semaphore running;

    /**
     * Replays the last {@code window} (1 to 168 hours) of the target's results through {@code spec}, or through its
     * registered spec when {@code spec} is null. An edited spec is validated as {@code PUT /targets/{id}} validates it
     * (its id is the target's). Fails with {@link NoSuchTarget}, {@link Busy} or a {@link ValidationException}.
     */
    public Uni<WhatIfReport> replay(String targetId, TargetSpec spec, Duration window) {
        if (window == null || window.compareTo(MIN_WINDOW) < 0 || window.compareTo(MAX_WINDOW) > 0) {
            return Uni.createFrom().failure(new ValidationException(List.of(new Violation("hours", "must be between "
                    + MIN_WINDOW.toHours() + " and " + MAX_WINDOW.toHours()))));
        }
        return registry.ready().chain(() -> {
            TargetSpec current = registry.get(targetId);
            if (current == null) {
                return Uni.createFrom().failure(new NoSuchTarget(targetId));
            }
            if (spec == null) {
                return Uni.createFrom().item(current);
            }
            return validation.requireValid(withId(spec, targetId));
        }).chain(used -> {
            Instant to = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            Instant from = to.minus(window);
            String which = spec == null ? "current" : "edited";
            return did(targetId, from, to).chain(did -> Uni.createFrom().item(() -> {
                // Taken and given back on the worker thread itself: a caller that goes away does not free a read that runs.
                Semaphore s = semaphore();
                if (!s.tryAcquire()) {
                    throw new Busy(config.whatIf().concurrency());
                }
                try {
                    return simulate(targetId, used, which, from, to, did);
                } finally {
                    s.release();
                }
            }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool()));
        });
    }

    private Semaphore semaphore() {
        Semaphore s = running;
        if (s == null) {
            synchronized (this) {
                if (running == null) {
                    running = new Semaphore(Math.max(1, config.whatIf().concurrency()));
                }
                s = running;
            }
        }
        return s;
    }

    static TargetSpec withId(TargetSpec s, String id) {
        return new TargetSpec(id, s.name(), s.tags(), s.probe(), s.locations(), s.detection(), s.recovery(), s.notifications(),
                s.aws(), s.drill(), s.statusPage());
    }

    /** Blocking: the read and the replay, on a worker thread. */
    private WhatIfReport simulate(String targetId, TargetSpec spec, String which, Instant from, Instant to,
            List<Map<String, Object>> did) {
        WhatIfSimulator sim = new WhatIfSimulator(targetId, spec, settings());
        HealthReader.Read read = new HealthReader(connection()).read(targetId, from,
                new HealthReader.Limits(config.whatIf().maxResults(), config.whatIf().timeLimit()), sim::observe);
        boolean truncated = read.truncated() != null;
        // Truncated: what came after the last record read is not known, so no timer is fired past it.
        Instant until = truncated && read.lastAt() != null ? read.lastAt() : to;
        List<WhatIfSimulator.Incident> would = sim.finish(until);
        return new WhatIfReport(targetId, which, new WhatIfReport.Window(from, to), read.kept(), sim.counts().observed(),
                read.unreadable(), truncated, read.truncated(), until, would, did, WhatIfSimulator.ASSUMPTIONS);
    }

    private WhatIfSimulator.Settings settings() {
        var d = config.detection();
        return new WhatIfSimulator.Settings(new FlapDamping(d.flapChanges(), d.flapWindow(), d.flapHoldDown()),
                new ResultTrust(d.locations().orElse(List.of()), d.maxClockSkew()), config.commands().ttl());
    }

    private KafkaConnection connection() {
        Map<String, Object> c = new TreeMap<>(kafka);
        c.put("bootstrap.servers", bootstrap);
        return KafkaConnection.from(c);
    }

    /**
     * The target's real incidents that overlap the window (opened before its end, not resolved before its start),
     * newest first, each with the steps it started.
     */
    private Uni<List<Map<String, Object>>> did(String targetId, Instant from, Instant to) {
        return queries.list(null, targetId).chain(all -> {
            List<Map<String, Object>> in = new ArrayList<>();
            for (Map<String, Object> i : all) {
                Instant opened = (Instant) i.get("openedAt");
                Instant resolved = (Instant) i.get("resolvedAt");
                if (opened != null && opened.isBefore(to) && (resolved == null || !resolved.isBefore(from))) {
                    in.add(i);
                }
            }
            if (in.isEmpty()) {
                return Uni.createFrom().item(List.<Map<String, Object>>of());
            }
            return Multi.createFrom().range(0, in.size()).onItem().transformToUniAndConcatenate(k -> withSteps(in.get(k), k))
                    .collect().asList();
        });
    }

    private Uni<Map<String, Object>> withSteps(Map<String, Object> row, int index) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String k : List.of("id", "severity", "phase", "openedAt", "resolvedAt", "step", "lastStep", "held")) {
            out.put(k, row.get(k));
        }
        if (index >= MAX_DID_WITH_STEPS) {
            return Uni.createFrom().item(out);
        }
        return queries.get((String) row.get("id")).map(full -> {
            List<Map<String, Object>> steps = new ArrayList<>();
            if (full != null) {
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> timeline = (List<Map<String, Object>>) full.get("timeline");
                for (Map<String, Object> t : timeline) {
                    if (t.get("event") instanceof IncidentEvent.RecoveryStepStarted s) {
                        steps.add(Map.of("step", s.step(), "action", s.action(), "at", s.at()));
                    }
                }
            }
            out.put("steps", steps);
            return out;
        });
    }
}
