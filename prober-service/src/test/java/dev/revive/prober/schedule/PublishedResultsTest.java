package dev.revive.prober.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.revive.common.contract.ProbeResult;
import dev.revive.common.contract.ProbeResult.ErrorClass;
import dev.revive.common.contract.TargetSpec;
import dev.revive.common.contract.TargetSpec.Drift;
import dev.revive.common.contract.TargetSpec.Probe;
import dev.revive.common.envelope.Json;
import dev.revive.prober.probe.HttpProber;
import dev.revive.prober.probe.LocalServers;
import dev.revive.prober.probe.ProbeOptions;
import dev.revive.prober.probe.Probes;
import dev.revive.prober.probe.TcpProber;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;

/**
 * What the prober publishes about a server: text from outside is cleaned of control characters, a drift delta is
 * bounded, and a drift baseline belongs to one URL. Results are taken where the scheduler hands them to be published.
 */
class PublishedResultsTest {

    private Vertx vertx;
    private HttpProber http;
    private TcpProber tcp;
    private final List<ProbeResult> published = new CopyOnWriteArrayList<>();
    private ProbeScheduler scheduler;
    private final AtomicReference<String> page = new AtomicReference<>("");
    private LocalServers.Server site;
    private NetServer raw;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        http = new HttpProber(vertx, ProbeOptions.defaults().withAddresses(Probes.LOCAL));
        tcp = new TcpProber(vertx, Probes.LOCAL);
        scheduler = new ProbeScheduler(vertx, new ProbeRunner(http, tcp, "here", "p1"), published::add, 100, 0.1);
        site = LocalServers.http(vertx, req -> {
            switch (req.path()) {
                case "/page" -> req.response().end(page.get());
                case "/secret" -> req.response().end("SECRET-" + "k".repeat(20_000));
                default -> req.response().end("ok");
            }
        });
        // A server whose answer is not HTTP and has NUL bytes in it: the parser's message quotes it.
        raw = vertx.createNetServer().connectHandler(so -> so.write(io.vertx.core.buffer.Buffer.buffer(
                "HT\0TP/1.1 200 \u0001OK\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1))).onComplete(x -> so.close()));
        raw.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
    }

    @AfterEach
    void stop() {
        scheduler.removeAll();
        http.close();
        tcp.close();
        vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
    }

    private List<ProbeResult> of(String id) {
        return published.stream().filter(r -> r.targetId().equals(id)).toList();
    }

    private ProbeResult next(String id, int after) {
        await().atMost(Duration.ofSeconds(30)).until(() -> of(id).size() > after);
        return of(id).get(after);
    }

    private static Probe drift(String url, int maxDeltaBytes) {
        return new Probe(TargetSpec.ProbeKind.CONTENT_DRIFT, url, null, null, 200L, 2_000L, null, Map.of(), null, null, null,
                null, null, null, new Drift(64, 0.2, maxDeltaBytes));
    }

    @Test
    void control_characters_from_the_server_never_reach_a_published_result() throws Exception {
        scheduler.upsert(Probes.target("nul", Probes.http("http://127.0.0.1:" + raw.actualPort() + "/", 2_000, 200)), 0);
        ProbeResult r = next("nul", 0);
        assertThat(r.errorClass()).isEqualTo(ErrorClass.IO);
        assertThat(r.detail()).contains("HTTP/1.1 200 OK").doesNotContain("\0").doesNotContain("\u0001");
        assertThat(Json.MAPPER.writeValueAsString(r)).doesNotContain("\\u0000");
    }

    @Test
    void control_characters_in_a_drift_delta_are_removed_but_tabs_and_newlines_kept() {
        page.set("x".repeat(640));
        scheduler.upsert(Probes.target("ctl", drift(site.url("http", "/page"), 1024)), 0);
        assertThat(next("ctl", 0).detail()).contains("baseline taken");
        page.set("defaced\0by\u0007someone\tlines\nhere " + "y".repeat(600));
        await().atMost(Duration.ofSeconds(30)).until(() -> of("ctl").stream().anyMatch(r -> r.drift() != null));
        ProbeResult r = of("ctl").stream().filter(x -> x.drift() != null).findFirst().orElseThrow();
        assertThat(r.drift().delta()).startsWith("defacedbysomeone\tlines\nhere ").doesNotContain("\0").doesNotContain("\u0007");
    }

    @Test
    void a_drift_delta_is_capped_whatever_the_target_asks() {
        page.set("x".repeat(640));
        scheduler.upsert(Probes.target("cap", drift(site.url("http", "/page"), 1 << 20)), 0);
        next("cap", 0);
        page.set("z".repeat(100_000));
        await().atMost(Duration.ofSeconds(30)).until(() -> of("cap").stream().anyMatch(r -> r.drift() != null));
        ProbeResult r = of("cap").stream().filter(x -> x.drift() != null).findFirst().orElseThrow();
        assertThat(r.drift().literalBytes()).isEqualTo(100_000);
        assertThat(r.drift().delta().length()).isEqualTo(ProbeRunner.DEFAULT_MAX_DELTA_BYTES);
    }

    @Test
    void a_url_change_resets_the_baseline_instead_of_reading_the_new_body_back() {
        page.set("x".repeat(640));
        scheduler.upsert(Probes.target("moved", drift(site.url("http", "/page"), 1024)), 0);
        assertThat(next("moved", 0).detail()).contains("baseline taken");
        int seen = of("moved").size();
        // Re-pointed (same partition: the settings change in place) at a page the baseline has never seen.
        scheduler.upsert(Probes.target("moved", drift(site.url("http", "/secret"), 1024)), 0);
        await().atMost(Duration.ofSeconds(30)).until(() -> of("moved").size() > seen + 3);
        for (ProbeResult r : of("moved")) {
            assertThat(r.drift() == null ? "" : r.drift().delta()).as("seq " + r.seq()).doesNotContain("SECRET");
            assertThat(r.errorClass()).as("seq " + r.seq()).isEqualTo(ErrorClass.NONE);
        }
        assertThat(of("moved").stream().skip(seen).map(ProbeResult::detail)).anyMatch(d -> d.contains("baseline reset"));
    }
}
