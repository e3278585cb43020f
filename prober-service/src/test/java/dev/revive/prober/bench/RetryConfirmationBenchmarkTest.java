package dev.revive.prober.bench;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.revive.prober.probe.HttpProber;
import dev.revive.prober.probe.LocalServers;
import dev.revive.prober.probe.ProbeOptions;
import dev.revive.prober.probe.Probes;
import dev.revive.prober.probe.TcpProber;
import dev.revive.prober.schedule.ProbeRunner;
import dev.revive.prober.schedule.ProbeScheduler;
import io.vertx.core.Vertx;

/**
 * Prints how long a failure threshold of 3 takes to be confirmed by the prober (not a timed test: nothing here asserts
 * a speed): targets with a 30 s interval on a local server answering 503, with a 200 ms retry interval, the default
 * one (a quarter of the interval, at most 1 s) and none (retry interval = interval). For each target, the time from
 * its first failed result to its third, as the results reach the sink (no Kafka). Run it alone:
 * {@code ./mvnw -B -o -pl prober-service -am test -Pbench -Dtest=RetryConfirmationBenchmarkTest
 * -Dsurefire.failIfNoSpecifiedTests=false} (about 100 s: the runs without retries wait two intervals).
 */
@Tag("bench")
class RetryConfirmationBenchmarkTest {

    private static final int TARGETS_PER_VARIANT = 4;
    private static final long INTERVAL_MS = 30_000;

    @Test
    void prints_time_from_first_to_third_failure() {
        Vertx vertx = Vertx.vertx();
        HttpProber http = new HttpProber(vertx, ProbeOptions.defaults().withAddresses(Probes.LOCAL));
        TcpProber tcp = new TcpProber(vertx, Probes.LOCAL);
        Map<String, List<Long>> arrivals = new ConcurrentHashMap<>();
        ProbeScheduler scheduler = new ProbeScheduler(vertx, new ProbeRunner(http, tcp, "here", "p1"),
                r -> arrivals.computeIfAbsent(r.targetId(), k -> new CopyOnWriteArrayList<>()).add(System.nanoTime()), 100, 0.1);
        LocalServers.Server site = LocalServers.http(vertx, req -> req.response().setStatusCode(503).end("down"));
        Map<String, Long> variants = new java.util.LinkedHashMap<>();
        variants.put("retry 200 ms", 200L);
        variants.put("retry default (1 s)", null);
        variants.put("no retries (30 s)", INTERVAL_MS);
        List<String> ids = new ArrayList<>();
        try {
            int v = 0;
            for (var e : variants.entrySet()) {
                for (int i = 0; i < TARGETS_PER_VARIANT; i++) {
                    String id = "v" + v + "-" + i;
                    ids.add(id);
                    scheduler.upsert(Probes.target(id, Probes.withRetry(Probes.http(site.url("http", "/health"), 2_000,
                            INTERVAL_MS), e.getValue())), 0);
                }
                v++;
            }
            await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofMillis(500))
                    .until(() -> ids.stream().allMatch(id -> arrivals.getOrDefault(id, List.of()).size() >= 3));
            System.out.printf("%nthreshold 3, interval %d ms, jitter 0.1, %d targets per variant, local 503 server%n",
                    INTERVAL_MS, TARGETS_PER_VARIANT);
            v = 0;
            for (String name : variants.keySet()) {
                List<Long> ms = new ArrayList<>();
                for (int i = 0; i < TARGETS_PER_VARIANT; i++) {
                    List<Long> a = arrivals.get("v" + v + "-" + i);
                    ms.add(TimeUnit.NANOSECONDS.toMillis(a.get(2) - a.get(0)));
                }
                ms.sort(null);
                System.out.printf("%-22s first -> third failure result: %s ms%n", name, ms);
                v++;
            }
        } finally {
            scheduler.removeAll();
            http.close();
            tcp.close();
            vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
        }
    }
}
