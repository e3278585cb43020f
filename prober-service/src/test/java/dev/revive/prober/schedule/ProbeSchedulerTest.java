package dev.revive.prober.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.revive.common.contract.ProbeResult;
import dev.revive.common.contract.ProbeResult.ErrorClass;
import dev.revive.prober.probe.HttpProber;
import dev.revive.prober.probe.LocalServers;
import dev.revive.prober.probe.ProbeOptions;
import dev.revive.prober.probe.Probes;
import dev.revive.prober.probe.TcpProber;
import io.vertx.core.Vertx;

/** Scheduling with real timers and real local servers (no Kafka: results go to a list). */
class ProbeSchedulerTest {

    private Vertx vertx;
    private HttpProber http;
    private TcpProber tcp;
    private final List<ProbeResult> results = new CopyOnWriteArrayList<>();
    private ProbeScheduler scheduler;
    private LocalServers.Server site;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        http = new HttpProber(vertx, ProbeOptions.defaults().withAddresses(Probes.LOCAL));
        tcp = new TcpProber(vertx, Probes.LOCAL);
        scheduler = new ProbeScheduler(vertx, new ProbeRunner(http, tcp, "here", "p1"), results::add, 100, 0.1);
        site = LocalServers.http(vertx, req -> req.response().end("ok"));
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

    @Test
    void a_hanging_target_does_not_delay_another() throws Exception {
        try (ServerSocket hang = LocalServers.hanging()) {
            scheduler.upsert(Probes.target("hang", Probes.http("http://127.0.0.1:" + hang.getLocalPort() + "/", 3_000, 200)), 0);
            scheduler.upsert(Probes.target("fast", Probes.http(site.url("http", "/"), 1_000, 100)), 0);
            await().atMost(Duration.ofSeconds(30)).until(() -> count("hang") >= 1);
            // The hanging probe took 3 s; the fast target, every ~100 ms, went on meanwhile.
            assertThat(count("fast")).isGreaterThanOrEqualTo(10);
            assertThat(results.stream().filter(r -> r.targetId().equals("hang")).findFirst().orElseThrow().errorClass())
                    .isEqualTo(ErrorClass.TIMEOUT);
            assertThat(scheduler.skippedTurns()).as("the hanging target skipped its turns while its probe ran").isPositive();
        }
    }

    @Test
    void sequence_numbers_increase_per_target_and_removal_stops_results() {
        scheduler.upsert(Probes.target("seq", Probes.http(site.url("http", "/"), 1_000, 100)), 3);
        await().atMost(Duration.ofSeconds(30)).until(() -> count("seq") >= 4);
        List<Long> seqs = results.stream().filter(r -> r.targetId().equals("seq")).map(ProbeResult::seq).toList();
        assertThat(seqs).startsWith(1L, 2L, 3L, 4L);
        scheduler.removePartition(3);
        assertThat(scheduler.get("seq")).isNull();
        long after = count("seq");
        scheduler.upsert(Probes.target("clock", Probes.http(site.url("http", "/"), 1_000, 100)), 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> count("clock") >= 5);
        assertThat(count("seq")).isLessThanOrEqualTo(after + 1); // at most the probe that was already running
    }

    @Test
    void a_target_assigned_back_goes_on_counting() {
        // A broker restart revokes the partitions and assigns them back; had the sequence started again at 1, the
        // policy would have taken every new result for a late one (seen in a fault drill).
        scheduler.upsert(Probes.target("back", Probes.http(site.url("http", "/"), 1_000, 100)), 2);
        await().atMost(Duration.ofSeconds(30)).until(() -> count("back") >= 3);
        scheduler.removePartition(2);
        long before = results.stream().filter(r -> r.targetId().equals("back")).mapToLong(ProbeResult::seq).max().orElseThrow();
        long seen = count("back");
        scheduler.upsert(Probes.target("back", Probes.http(site.url("http", "/"), 1_000, 100)), 2);
        await().atMost(Duration.ofSeconds(30)).until(() -> count("back") >= seen + 3);
        List<Long> later = results.stream().filter(r -> r.targetId().equals("back")).skip(seen).map(ProbeResult::seq).toList();
        assertThat(later).allSatisfy(seq -> assertThat(seq).isGreaterThan(before));
    }
}
