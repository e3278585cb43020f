package dev.revive.prober.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.revive.common.contract.ProbeResult.ErrorClass;
import dev.revive.common.contract.TargetSpec.Probe;
import io.vertx.core.Vertx;

/**
 * Probes the prober refuses to make as configured: to an address it may not reach (checked on the resolved address,
 * on every HTTP path, TCP and redirects), or with a header it cannot send. Each says why with its own error class,
 * and no connection is made.
 */
class RefusedProbesTest {

    private static Vertx vertx;
    private static HttpProber publicOnly;
    private static HttpProber local;
    private static TcpProber tcpPublicOnly;
    private static LocalServers.Server site;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        publicOnly = new HttpProber(vertx, ProbeOptions.defaults());
        local = new HttpProber(vertx, ProbeOptions.defaults().withAddresses(Probes.LOCAL));
        tcpPublicOnly = new TcpProber(vertx);
        site = LocalServers.http(vertx, req -> {
            switch (req.path()) {
                case "/to-metadata" -> req.response().setStatusCode(302)
                        .putHeader("Location", "http://169.254.169.254/latest/meta-data/").end();
                case "/to-loopback" -> req.response().setStatusCode(302)
                        .putHeader("Location", "http://127.0.0.1:" + req.localAddress().port() + "/ok").end();
                default -> req.response().end("ok");
            }
        });
    }

    @AfterAll
    static void stop() {
        publicOnly.close();
        local.close();
        tcpPublicOnly.close();
        vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
    }

    private static ProbeOutcome probe(HttpProber prober, Probe p) {
        return prober.probe(p, false).toCompletionStage().toCompletableFuture().orTimeout(20, TimeUnit.SECONDS).join();
    }

    @Test
    void loopback_is_refused_on_every_http_path_without_a_connection() {
        int before = site.connections().get();
        for (Probe p : new Probe[] {Probes.http(site.url("http", "/ok")), Probes.withKeepAlive(Probes.http(site.url("http", "/ok")), true),
                Probes.withRedirects(Probes.http(site.url("http", "/ok")), true)}) {
            ProbeOutcome o = probe(publicOnly, p);
            assertThat(o.errorClass()).as(p.toString()).isEqualTo(ErrorClass.ADDRESS_REFUSED);
            assertThat(o.detail()).contains("127.0.0.1").contains("loopback");
        }
        assertThat(site.connections().get()).as("no connection was made").isEqualTo(before);
    }

    @Test
    void a_host_name_is_checked_on_the_address_it_resolves_to() {
        String url = "http://localhost:" + site.port() + "/ok";
        assertThat(probe(publicOnly, Probes.http(url)).errorClass()).isEqualTo(ErrorClass.ADDRESS_REFUSED);
        assertThat(probe(publicOnly, Probes.withKeepAlive(Probes.http(url), true)).errorClass()).isEqualTo(ErrorClass.ADDRESS_REFUSED);
    }

    @Test
    void the_metadata_address_is_refused_even_where_loopback_is_allowed() {
        for (Probe p : new Probe[] {Probes.http("http://169.254.169.254/latest/meta-data/", 2_000, 10_000),
                Probes.withKeepAlive(Probes.http("http://169.254.169.254/", 2_000, 10_000), true),
                Probes.http("http://[fd00:ec2::254]/", 2_000, 10_000)}) {
            ProbeOutcome o = probe(local, p);
            assertThat(o.errorClass()).as(p.url()).isEqualTo(ErrorClass.ADDRESS_REFUSED);
            assertThat(o.detail()).contains("never probed");
        }
    }

    @Test
    void a_redirect_to_the_metadata_address_is_refused() {
        ProbeOutcome o = probe(local, Probes.withRedirects(Probes.http(site.url("http", "/to-metadata")), true));
        assertThat(o.errorClass()).isEqualTo(ErrorClass.ADDRESS_REFUSED);
        assertThat(o.detail()).contains("169.254.169.254");
        // A redirect that stays where the probe may go is still followed.
        assertThat(probe(local, Probes.withRedirects(Probes.http(site.url("http", "/to-loopback")), true)).errorClass())
                .isEqualTo(ErrorClass.NONE);
    }

    @Test
    void a_tcp_probe_checks_the_resolved_address_too() {
        ProbeOutcome o = tcpPublicOnly.probe(Probes.tcp(site.port(), 2_000, 10_000)).toCompletionStage().toCompletableFuture()
                .orTimeout(20, TimeUnit.SECONDS).join();
        assertThat(o.errorClass()).isEqualTo(ErrorClass.ADDRESS_REFUSED);
    }

    @Test
    void a_header_value_with_a_line_break_is_an_invalid_header_error_on_every_path() {
        Map<String, String> crlf = Map.of("X-Token", "abc\r\nX-Injected: yes");
        int before = site.connections().get();
        for (Probe p : new Probe[] {Probes.withHeaders(Probes.http(site.url("http", "/ok")), "GET", crlf),
                Probes.withKeepAlive(Probes.withHeaders(Probes.http(site.url("http", "/ok")), "GET", crlf), true),
                Probes.withRedirects(Probes.withHeaders(Probes.http(site.url("http", "/ok")), "GET", crlf), true)}) {
            ProbeOutcome o = probe(local, p);
            assertThat(o.errorClass()).isEqualTo(ErrorClass.INVALID_HEADER);
            assertThat(o.detail()).contains("X-Token").contains("line break").doesNotContain("X-Injected");
        }
        assertThat(probe(local, Probes.withHeaders(Probes.http(site.url("http", "/ok")), "GET", Map.of("Bad Name", "v")))
                .errorClass()).isEqualTo(ErrorClass.INVALID_HEADER);
        assertThat(site.connections().get()).isEqualTo(before);
    }
}
