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
    private static LocalServers.Server site;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        servers = Vertx.vertx();
        prober = new HttpProber(vertx, ProbeOptions.defaults().withAddresses(Probes.LOCAL));
        site = LocalServers.http(servers, req -> req.response().end(switch (req.path()) {
            case "/evil" -> "a".repeat(64) + "!";
            default -> "<html>Welcome to the shop</html>";
        }));
    }

    @AfterAll
    static void stop() {
        prober.close();
        vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
        servers.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
    }

    private static ProbeOutcome probe(Probe p) {
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
