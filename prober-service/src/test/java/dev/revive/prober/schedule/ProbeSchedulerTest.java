package dev.revive.prober.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.revive.common.contract.ProbeResult;
import dev.revive.common.contract.TargetSpec;
import dev.revive.common.contract.ProbeResult.ErrorClass;
import dev.revive.common.contract.ProbeResult.Outcome;
import dev.revive.prober.probe.HttpProber;
import dev.revive.prober.probe.LocalServers;
import dev.revive.prober.probe.ProbeOptions;
import dev.revive.prober.probe.Probes;
import dev.revive.prober.probe.TcpProber;
import io.vertx.core.Vertx;

/**
 * Scheduling with real local servers (no Kafka: results go to a list), on a test clock ({@link ManualTimers}) that runs
 * the planned turns one by one, except for the hanging target, whose probe must really take its timeout.
 */
class ProbeSchedulerTest {

    private Vertx vertx;
    private HttpProber http;
    private TcpProber tcp;
    private final List<ProbeResult> results = new CopyOnWriteArrayList<>();
    private ProbeScheduler scheduler;
    private LocalServers.Server site;
    /** The status the failing site answers with (503 until a test says otherwise). */
    private final AtomicInteger status = new AtomicInteger(503);
    private LocalServers.Server failing;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        http = new HttpProber(vertx, ProbeOptions.defaults().withAddresses(Probes.LOCAL));
        tcp = new TcpProber(vertx, Probes.LOCAL);
        scheduler = new ProbeScheduler(vertx, new ProbeRunner(http, tcp, "here", "p1"), results::add, 100, 0.1);
        site = LocalServers.http(vertx, req -> req.response().end("ok"));
        failing = LocalServers.http(vertx, req -> req.response().setStatusCode(status.get()).end("status " + status.get()));
    }

    @AfterEach
    void stop() {
        scheduler.removeAll();
        http.close();
        tcp.close();
        vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
    }

    private long count(String id) {
        return results.stream().filter(r -> r.targetId().equals(id)).count();
    }

    private List<ProbeResult> of(String id) {
        return results.stream().filter(r -> r.targetId().equals(id)).toList();
    }

    /** A target on the failing site, threshold 3 (the default). */
    private TargetSpec failingTarget(String id, long intervalMs, Long retryMs) {
        return Probes.target(id, Probes.withRetry(Probes.http(failing.url("http", "/health"), 2_000, intervalMs), retryMs));
    }

    /**
     * The scheduler on a {@link ManualTimers} clock: the tests of retry and backoff plans run their half minute of
     * turns turn by turn, with real probes of the local site, instead of waiting for them.
     */
    private ManualTimers onTestClock() {
        scheduler.removeAll();
        ManualTimers clock = new ManualTimers(vertx);
        scheduler = new ProbeScheduler(clock, new ProbeRunner(http, tcp, "here", "p1"), results::add, 100, 0.1, null);
        clock.settle(scheduler);
        return clock;
    }

    @Test
    void three_failures_are_confirmed_at_the_retry_interval_well_before_the_second_regular_turn() {
        ManualTimers clock = onTestClock();
        scheduler.upsert(failingTarget("retry", 30_000, 200L), 0);
        // The first turn comes at a random point of the first 30 s.
        clock.runUntil(() -> count("retry") >= 1, 30_000);
        // The second regular turn is 27-33 s after the first: three results within 10 s are retries.
        clock.runUntil(() -> count("retry") >= 3, 10_000);
        assertThat(of("retry")).extracting(ProbeResult::outcome).startsWith(Outcome.DOWN, Outcome.DOWN, Outcome.DOWN);
        assertThat(of("retry")).extracting(ProbeResult::statusCode).startsWith(503, 503, 503);
        assertThat(of("retry")).extracting(ProbeResult::seq).startsWith(1L, 2L, 3L);
        assertThat(scheduler.get("retry").consecutiveFailures()).isGreaterThanOrEqualTo(3);

        // Past the threshold the gap doubles (0.4, 0.8, 1.6, 3.2, 6.4 s): the 7th result comes about 6.4 s after the
        // first, and the 8th 6.4 s after that. At 200 ms all along, 4 s would bring about 20 more.
        clock.runUntil(() -> count("retry") >= 7, 20_000);
        long seven = count("retry");
        clock.runFor(4_000);
        assertThat(count("retry")).isLessThanOrEqualTo(seven + 1);
    }

    @Test
    void after_a_success_the_target_is_back_on_its_regular_turns() {
        ManualTimers clock = onTestClock();
        scheduler.upsert(failingTarget("recover", 10_000, 200L), 0);
        clock.runUntil(() -> count("recover") >= 2, 20_000);
        status.set(200);
        clock.runUntil(() -> of("recover").stream().anyMatch(r -> r.outcome() == Outcome.UP), 10_000);
        long recovered = count("recover");
        assertThat(scheduler.get("recover").consecutiveFailures()).isZero();
        // The next regular turn is at least 9 s after the first failure: retries at 200 ms would bring about 15 here.
        clock.runFor(3_000);
        assertThat(count("recover")).isEqualTo(recovered);
        // And the regular turns go on.
        clock.runUntil(() -> count("recover") > recovered, 15_000);
        assertThat(of("recover").getLast().outcome()).isEqualTo(Outcome.UP);
    }

    @Test
    void a_retry_interval_equal_to_the_interval_means_no_retries() {
        ManualTimers clock = onTestClock();
        scheduler.upsert(failingTarget("noretry", 5_000, 5_000L), 0);
        clock.runUntil(() -> count("noretry") >= 1, 5_000);
        // The next turn is 4.5-5.5 s after the first.
        clock.runFor(3_000);
        assertThat(count("noretry")).isEqualTo(1);
        assertThat(of("noretry").getFirst().outcome()).isEqualTo(Outcome.DOWN);
    }

    @Test
    void a_hanging_target_does_not_delay_another() throws Exception {
        try (ServerSocket hang = LocalServers.hanging()) {
            scheduler.upsert(Probes.target("hang", Probes.http("http://127.0.0.1:" + hang.getLocalPort() + "/", 1_500, 200)), 0);
            scheduler.upsert(Probes.target("fast", Probes.http(site.url("http", "/"), 1_000, 50)), 0);
            await().atMost(Duration.ofSeconds(30)).until(() -> count("hang") >= 1);
            // The hanging probe took 1.5 s; the fast target, every ~50 ms, went on meanwhile (about 30 results).
            assertThat(count("fast")).isGreaterThanOrEqualTo(10);
            assertThat(results.stream().filter(r -> r.targetId().equals("hang")).findFirst().orElseThrow().errorClass())
                    .isEqualTo(ErrorClass.TIMEOUT);
            assertThat(scheduler.skippedTurns()).as("the hanging target skipped its turns while its probe ran").isPositive();
        }
    }

    @Test
    void sequence_numbers_increase_per_target_and_removal_stops_results() {
        ManualTimers clock = onTestClock();
        scheduler.upsert(Probes.target("seq", Probes.http(site.url("http", "/"), 1_000, 100)), 3);
        clock.runUntil(() -> count("seq") >= 4, 3_000);
        List<Long> seqs = results.stream().filter(r -> r.targetId().equals("seq")).map(ProbeResult::seq).toList();
        assertThat(seqs).startsWith(1L, 2L, 3L, 4L);
        scheduler.removePartition(3);
        assertThat(scheduler.get("seq")).isNull();
        long after = count("seq");
        scheduler.upsert(Probes.target("clock", Probes.http(site.url("http", "/"), 1_000, 100)), 1);
        clock.runUntil(() -> count("clock") >= 5, 3_000);
        assertThat(count("seq")).isLessThanOrEqualTo(after + 1); // at most the probe that was already running
    }

    @Test
    void a_target_assigned_back_goes_on_counting() {
        // A broker restart revokes the partitions and assigns them back; had the sequence started again at 1, the
        // policy would have taken every new result for a late one (seen in a fault drill).
        ManualTimers clock = onTestClock();
        scheduler.upsert(Probes.target("back", Probes.http(site.url("http", "/"), 1_000, 100)), 2);
        clock.runUntil(() -> count("back") >= 3, 3_000);
        scheduler.removePartition(2);
        long before = results.stream().filter(r -> r.targetId().equals("back")).mapToLong(ProbeResult::seq).max().orElseThrow();
        long seen = count("back");
        scheduler.upsert(Probes.target("back", Probes.http(site.url("http", "/"), 1_000, 100)), 2);
        clock.runUntil(() -> count("back") >= seen + 3, 3_000);
        List<Long> later = results.stream().filter(r -> r.targetId().equals("back")).skip(seen).map(ProbeResult::seq).toList();
        assertThat(later).allSatisfy(seq -> assertThat(seq).isGreaterThan(before));
    }
}
