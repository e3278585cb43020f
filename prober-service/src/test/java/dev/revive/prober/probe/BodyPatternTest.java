package dev.revive.prober.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.revive.common.contract.ProbeResult.ErrorClass;
import dev.revive.common.contract.TargetSpec.Probe;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;

/**
 * Body patterns run on the event loop; with one loop, a pattern that backtracks (java.util.regex on ^(a+)+$ against
 * "aaaa…!") would block it, and every later probe with it.
 */
class BodyPatternTest {

    private static Vertx vertx;
    private static Vertx servers;
    private static HttpProber prober;
    private static HttpProber hurried;
    private static LocalServers.Server site;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        servers = Vertx.vertx();
        // A generous budget: this box is shared, and the point here is that the match ends, not how fast.
        prober = new HttpProber(vertx, ProbeOptions.defaults().withAddresses(Probes.LOCAL).withBodyPatternBudgetMs(30_000));
        hurried = new HttpProber(vertx, ProbeOptions.defaults().withAddresses(Probes.LOCAL).withBodyPatternBudgetMs(1));
        site = LocalServers.http(servers, req -> req.response().end(switch (req.path()) {
            // java.util.regex on JDK 25 memoizes (a+)+ on short inputs, not on this one: minutes of backtracking.
            case "/evil" -> "a".repeat(100_000) + "!";
            case "/short" -> "a".repeat(30) + "!";
            default -> "<html>Welcome to the shop</html>";
        }));
    }

    @AfterAll
    static void stop() {
        prober.close();
        hurried.close();
        vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
        servers.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
    }

    private static ProbeOutcome probe(Probe p) {
        return probe(prober, p);
    }

    private static ProbeOutcome probe(HttpProber prober, Probe p) {
        return prober.probe(p, false).toCompletionStage().toCompletableFuture().orTimeout(20, TimeUnit.SECONDS).join();
    }

    @Test
    void a_pathological_pattern_completes_and_later_probes_on_the_same_loop_still_complete() {
        ProbeOutcome evil = probe(Probes.withBody(Probes.http(site.url("http", "/evil")), null, null, "^(a+)+$"));
        assertThat(evil.errorClass()).isEqualTo(ErrorClass.BODY_MISMATCH);
        // Same loop (there is one): still answering.
        ProbeOutcome next = probe(Probes.withBody(Probes.http(site.url("http", "/ok")), null, null, "Welcome\\s+to"));
        assertThat(next.errorClass()).isEqualTo(ErrorClass.NONE);
        ProbeOutcome kept = probe(Probes.withKeepAlive(Probes.withBody(Probes.http(site.url("http", "/evil")), null, null,
                "^(a+)+$"), true));
        assertThat(kept.errorClass()).isEqualTo(ErrorClass.BODY_MISMATCH);
        // Nested unbounded repetitions, exponential for java.util.regex even on 30 characters.
        assertThat(probe(Probes.withBody(Probes.http(site.url("http", "/short")), null, null, "^(.*a){12}$")).errorClass())
                .isEqualTo(ErrorClass.BODY_MISMATCH);
        assertThat(probe(Probes.withBody(Probes.http(site.url("http", "/short")), null, null, "^(a+)+!$")).errorClass())
                .isEqualTo(ErrorClass.NONE);
    }

    @Test
    void a_match_that_runs_past_its_budget_is_stopped_and_said_so() {
        ProbeOutcome o = probe(hurried, Probes.withBody(Probes.http(site.url("http", "/evil")), null, null, "^(a+)+$"));
        assertThat(o.errorClass()).isEqualTo(ErrorClass.INVALID_PATTERN);
        assertThat(o.detail()).contains("did not finish within 1 ms");
    }

    @Test
    void a_pattern_re2_cannot_run_is_an_invalid_pattern_error() {
        ProbeOutcome o = probe(Probes.withBody(Probes.http(site.url("http", "/ok")), null, null, "(\\w)\\1"));
        assertThat(o.errorClass()).isEqualTo(ErrorClass.INVALID_PATTERN);
        assertThat(o.detail()).contains("bodyRegex").contains("RE2");
        assertThat(o.statusCode()).isEqualTo(200);
    }

    @Test
    void a_pattern_whose_repetitions_multiply_is_refused_before_it_is_compiled() {
        ProbeOutcome o = probe(Probes.withBody(Probes.http(site.url("http", "/ok")), null, null, "((a{1000}){1000}){1000}"));
        assertThat(o.errorClass()).isEqualTo(ErrorClass.INVALID_PATTERN);
        assertThat(o.detail()).contains("too large");
    }

    @Test
    void ordinary_patterns_are_not_refused_by_the_size_estimate() {
        assertThat(BodyPatterns.estimatedProgram("^<html>.*Welcome [a-z]{2,20} shop</html>$")).isLessThan(200);
        assertThat(BodyPatterns.estimatedProgram("\\d{4}-\\d{2}-\\d{2}")).isLessThan(50);
        assertThat(BodyPatterns.estimatedProgram("(a{100}){100}")).isGreaterThan(BodyPatterns.MAX_PROGRAM - 1);
        assertThat(BodyPatterns.estimatedProgram("a{3}{literal}")).isLessThan(50);
    }
}
