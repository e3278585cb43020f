package dev.revive.prober.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
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
import io.vertx.core.VertxOptions;

/**
 * A blocked event loop runs neither its probes nor their deadlines: nothing fails, results just stop. The watchdog
 * (on a thread of its own) must see the probe past its deadline and the loop that no longer runs tasks.
 */
class ProbeWatchdogTest {

    private Vertx vertx;
    private HttpProber http;
    private TcpProber tcp;
    private ProbeWatchdog watchdog;
    private ProbeScheduler scheduler;
    private final List<ProbeResult> results = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);

    @BeforeEach
    void start() {
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setBlockedThreadCheckInterval(60_000));
        http = new HttpProber(vertx, ProbeOptions.defaults().withAddresses(Probes.LOCAL));
        tcp = new TcpProber(vertx, Probes.LOCAL);
        watchdog = new ProbeWatchdog(vertx, 300, 50);
        scheduler = new ProbeScheduler(vertx, new ProbeRunner(http, tcp, "here", "p1"), results::add, 100, 0.1, watchdog);
    }

    @AfterEach
    void stop() {
        release.countDown();
        watchdog.close();
        scheduler.removeAll();
        http.close();
        tcp.close();
        vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
    }

    @Test
    void a_healthy_prober_reports_nothing_stalled() {
        LocalServers.Server site = LocalServers.http(vertx, req -> req.response().end("ok"));
        scheduler.upsert(Probes.target("fine", Probes.http(site.url("http", "/"), 1_000, 50)), 0);
        await().atMost(Duration.ofSeconds(30)).until(() -> results.size() >= 5);
        assertThat(watchdog.check().healthy()).isTrue();
    }

    @Test
    void a_probe_stuck_on_a_blocked_loop_and_the_loop_itself_are_reported_then_cleared() throws Exception {
        try (ServerSocket hang = LocalServers.hanging()) {
            // The probe starts on the only loop, which the same task then blocks, as a runaway body pattern did: the
            // probe's own deadline can no longer fire. Started outside the schedule (as the REST probe does), so no
            // random first turn is waited for and no turn of the schedule comes in between.
            TargetState stuck = new TargetState(Probes.target("stuck", Probes.http("http://127.0.0.1:" + hang.getLocalPort()
                    + "/", 1_000, 15_000)), 0);
            vertx.runOnContext(v -> {
                scheduler.probeNow(stuck); // its result goes to the results like any other
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            await().atMost(Duration.ofSeconds(60)).until(() -> watchdog.status().stalledProbes() == 1
                    && watchdog.status().stalledLoops() == 1);
            assertThat(watchdog.status().stalledTargets()).containsExactly("stuck");
            assertThat(watchdog.status().healthy()).isFalse();
            assertThat(results).isEmpty();

            release.countDown();
            await().atMost(Duration.ofSeconds(30)).until(() -> watchdog.status().healthy());
            await().atMost(Duration.ofSeconds(30)).until(() -> !results.isEmpty());
            assertThat(results.get(0).errorClass()).isEqualTo(ErrorClass.TIMEOUT);
        }
    }
}
