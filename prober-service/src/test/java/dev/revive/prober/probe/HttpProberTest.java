package dev.revive.prober.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.revive.common.contract.ProbeResult.ErrorClass;
import dev.revive.common.contract.TargetSpec.Probe;
import io.vertx.core.Vertx;

/** Every outcome class of HTTP(S) and TCP probes, against real servers on 127.0.0.1. */
class HttpProberTest {

    private static Vertx vertx;
    private static HttpProber prober;
    private static TcpProber tcp;
    private static TestCerts.Cert trusted;
    private static TestCerts.Cert expired;
    private static TestCerts.Cert selfSigned;
    private static LocalServers.Server plain;
    private static LocalServers.Server secure;
    private static LocalServers.Server expiredServer;
    private static LocalServers.Server unsecure;

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createTempDirectory("revive-certs-");
        trusted = TestCerts.create(dir, "trusted", null, 30);
        expired = TestCerts.create(dir, "expired", "-10d", 5);
        selfSigned = TestCerts.create(dir, "stranger", null, 30);
        // Like the service (quarkus.vertx.prefer-native-transport): the fresh-connection path runs on epoll channels.
        vertx = Vertx.vertx(new io.vertx.core.VertxOptions().setPreferNativeTransport(true));
        assertThat(vertx.isNativeTransportEnabled()).as("epoll loads (netty-transport-native-epoll)").isTrue();
        prober = new HttpProber(vertx, new ProbeOptions(1 << 20, "Revive-Test", List.of(trusted.pem(), expired.pem()), 64)
                .withAddresses(Probes.LOCAL));
        tcp = new TcpProber(vertx, Probes.LOCAL);
        plain = LocalServers.http(vertx, req -> {
            switch (req.path()) {
                case "/ok" -> req.response().end("<html>Welcome to the shop</html>");
                case "/fatal" -> req.response().end("<html>Fatal error: database gone</html>");
                case "/chunked" -> {
                    req.response().setChunked(true).write("<html>Welcome ");
                    req.response().write("to the ");
                    req.response().end("chunked shop</html>");
                }
                case "/500" -> req.response().setStatusCode(500).end("oops");
                case "/moved" -> req.response().setStatusCode(302).putHeader("Location", "/gone").end();
                case "/gone" -> req.response().setStatusCode(404).end();
                case "/where" -> req.response().end(req.uri() + " Host=" + req.getHeader("Host"));
                case "/echo" -> req.response().end(req.method() + " " + req.getHeader("X-Probe") + " " + req.getHeader("User-Agent"));
                default -> req.response().setStatusCode(404).end();
            }
        });
        secure = LocalServers.https(vertx, trusted, req -> req.response().end("secure"));
        expiredServer = LocalServers.https(vertx, expired, req -> req.response().end("expired"));
        unsecure = LocalServers.https(vertx, selfSigned, req -> req.response().end("who am I"));
    }

    @AfterAll
    static void stop() {
        prober.close();
        tcp.close();
        vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
    }

    private static ProbeOutcome probe(Probe p) {
        return prober.probe(p, false).toCompletionStage().toCompletableFuture().orTimeout(20, TimeUnit.SECONDS).join();
    }

    @Test
    void a_healthy_page_is_up_with_its_status_and_the_address_probed() {
        ProbeOutcome o = probe(Probes.http(plain.url("http", "/ok")));
        assertThat(o.errorClass()).isEqualTo(ErrorClass.NONE);
        assertThat(o.statusCode()).isEqualTo(200);
        assertThat(o.address()).isEqualTo("127.0.0.1:" + plain.port());
        assertThat(o.tlsDaysLeft()).isNull();
    }

    @Test
    void a_refused_connection_is_connection_refused() throws Exception {
        ProbeOutcome o = probe(Probes.http("http://127.0.0.1:" + LocalServers.refusedPort() + "/"));
        assertThat(o.errorClass()).isEqualTo(ErrorClass.CONNECTION_REFUSED);
        assertThat(o.up()).isFalse();
    }

    @Test
    void a_server_that_never_answers_is_a_timeout() throws Exception {
        try (ServerSocket hang = LocalServers.hanging()) {
            ProbeOutcome o = probe(Probes.http("http://127.0.0.1:" + hang.getLocalPort() + "/", 300, 10_000));
            assertThat(o.errorClass()).isEqualTo(ErrorClass.TIMEOUT);
            assertThat(o.detail()).contains("300 ms");
        }
    }

    @Test
    void a_timed_out_probe_closes_its_connection() throws Exception {
        java.util.concurrent.atomic.AtomicInteger closed = new java.util.concurrent.atomic.AtomicInteger();
        io.vertx.core.http.HttpServer silent = vertx.createHttpServer(new io.vertx.core.http.HttpServerOptions().setHost("127.0.0.1").setPort(0))
                .connectionHandler(c -> c.closeHandler(v -> closed.incrementAndGet()))
                .requestHandler(req -> { }); // reads the request, never answers
        silent.listen().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
        try {
            ProbeOutcome o = probe(Probes.http("http://127.0.0.1:" + silent.actualPort() + "/", 300, 10_000));
            assertThat(o.errorClass()).isEqualTo(ErrorClass.TIMEOUT);
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).untilAsserted(() -> assertThat(closed.get()).isEqualTo(1));
        } finally {
            silent.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
        }
    }

    @Test
    void each_https_probe_makes_its_own_connection() {
        int before = secure.connections().get();
        for (int i = 0; i < 3; i++) {
            assertThat(probe(Probes.http(secure.url("https", "/"))).up()).isTrue();
        }
        assertThat(secure.connections().get() - before).isGreaterThanOrEqualTo(3);
    }

    @Test
    void a_fresh_probe_sends_the_path_the_query_and_the_host() {
        String expected = "/where?a=1&b=x%20y Host=127.0.0.1:" + plain.server().actualPort();
        ProbeOutcome o = probe(Probes.withBody(Probes.http(plain.url("http", "/where?a=1&b=x%20y")), expected, null, null));
        assertThat(o.errorClass()).as(o.detail()).isEqualTo(ErrorClass.NONE);
    }

    @Test
    void a_500_is_an_unexpected_status() {
        ProbeOutcome o = probe(Probes.http(plain.url("http", "/500")));
        assertThat(o.errorClass()).isEqualTo(ErrorClass.UNEXPECTED_STATUS);
        assertThat(o.statusCode()).isEqualTo(500);
    }

    @Test
    void a_500_is_up_when_the_expected_statuses_include_it() {
        ProbeOutcome o = probe(Probes.withStatus(Probes.http(plain.url("http", "/500")), List.of("200", "500-503")));
        assertThat(o.errorClass()).isEqualTo(ErrorClass.NONE);
    }

    @Test
    void a_missing_keyword_is_a_body_mismatch() {
        ProbeOutcome o = probe(Probes.withBody(Probes.http(plain.url("http", "/fatal")), "Welcome", null, null));
        assertThat(o.errorClass()).isEqualTo(ErrorClass.BODY_MISMATCH);
        assertThat(o.detail()).contains("Welcome");
    }

    @Test
    void a_chunked_body_is_reassembled_for_the_checks() {
        Probe p = Probes.http(plain.url("http", "/chunked"));
        assertThat(probe(Probes.withBody(p, "to the chunked shop", null, null)).errorClass()).isEqualTo(ErrorClass.NONE);
        assertThat(probe(Probes.withBody(p, "Welcome to the shop", null, null)).errorClass()).isEqualTo(ErrorClass.BODY_MISMATCH);
    }

    @Test
    void a_host_name_goes_through_the_resolver() {
        // localhost comes from the hosts file: the resolver path without a DNS query to anywhere.
        ProbeOutcome o = probe(Probes.http("http://localhost:" + plain.port() + "/ok"));
        assertThat(o.errorClass()).as(o.detail()).isEqualTo(ErrorClass.NONE);
        assertThat(o.address()).isIn("127.0.0.1:" + plain.port(), "0:0:0:0:0:0:0:1:" + plain.port());
    }

    @Test
    void a_forbidden_keyword_is_a_body_mismatch() {
        ProbeOutcome o = probe(Probes.withBody(Probes.http(plain.url("http", "/fatal")), null, "Fatal error", null));
        assertThat(o.errorClass()).isEqualTo(ErrorClass.BODY_MISMATCH);
    }

    @Test
    void the_body_regex_must_match_somewhere() {
        Probe p = Probes.http(plain.url("http", "/ok"));
        assertThat(probe(Probes.withBody(p, null, null, "Welcome to the \\w+")).errorClass()).isEqualTo(ErrorClass.NONE);
        assertThat(probe(Probes.withBody(p, null, null, "^Sorry")).errorClass()).isEqualTo(ErrorClass.BODY_MISMATCH);
    }

    @Test
    void redirects_are_followed_only_when_asked() {
        Probe p = Probes.http(plain.url("http", "/moved"));
        ProbeOutcome notFollowed = probe(p);
        assertThat(notFollowed.statusCode()).isEqualTo(302);
        assertThat(notFollowed.errorClass()).isEqualTo(ErrorClass.NONE);
        ProbeOutcome followed = probe(Probes.withRedirects(p, true));
        assertThat(followed.statusCode()).isEqualTo(404);
        assertThat(followed.errorClass()).isEqualTo(ErrorClass.UNEXPECTED_STATUS);
    }

    @Test
    void method_and_headers_are_sent_as_configured() {
        Probe p = Probes.withBody(Probes.withHeaders(Probes.http(plain.url("http", "/echo")), "POST", Map.of("X-Probe", "42")),
                "POST 42 Revive-Test", null, null);
        assertThat(probe(p).errorClass()).isEqualTo(ErrorClass.NONE);
    }

    @Test
    void a_trusted_certificate_is_up_with_its_days_left() {
        ProbeOutcome o = probe(Probes.http(secure.url("https", "/")));
        assertThat(o.errorClass()).isEqualTo(ErrorClass.NONE);
        assertThat(o.tlsDaysLeft()).isBetween(28, 30);
    }

    @Test
    void an_expired_certificate_is_a_tls_failure_with_negative_days_left() {
        ProbeOutcome o = probe(Probes.http(expiredServer.url("https", "/")));
        assertThat(o.errorClass()).isEqualTo(ErrorClass.TLS);
        assertThat(o.tlsDaysLeft()).isBetween(-6, -4);
    }

    @Test
    void an_untrusted_self_signed_certificate_is_a_tls_failure() {
        ProbeOutcome o = probe(Probes.http(unsecure.url("https", "/")));
        assertThat(o.errorClass()).isEqualTo(ErrorClass.TLS);
        assertThat(o.tlsDaysLeft()).as("days are still read from the presented certificate").isBetween(28, 30);
    }

    @Test
    void each_probe_opens_a_fresh_connection_by_default() {
        int before = plain.connections().get();
        for (int i = 0; i < 3; i++) {
            assertThat(probe(Probes.http(plain.url("http", "/ok"))).up()).isTrue();
        }
        assertThat(plain.connections().get() - before).isGreaterThanOrEqualTo(3);
    }

    @Test
    void keep_alive_probes_reuse_one_connection() throws Exception {
        LocalServers.Server own = LocalServers.http(vertx, req -> req.response().end("ok"));
        try {
            Probe p = Probes.withKeepAlive(Probes.http(own.url("http", "/")), true);
            for (int i = 0; i < 6; i++) {
                assertThat(probe(p).up()).isTrue();
            }
            // A connection goes back to the pool just after the response ends, so a probe started at once may
            // still open a second one; with reuse there are fewer connections than probes, without it six.
            assertThat(own.connections().get()).isLessThan(6);
        } finally {
            own.close();
        }
    }

    @Test
    void tcp_connect_succeeds_on_a_listening_port_and_is_refused_on_a_closed_one() throws Exception {
        ProbeOutcome up = tcp.probe(Probes.tcp(plain.port(), 1_000, 10_000)).toCompletionStage().toCompletableFuture()
                .orTimeout(10, TimeUnit.SECONDS).join();
        assertThat(up.errorClass()).isEqualTo(ErrorClass.NONE);
        assertThat(up.address()).isEqualTo("127.0.0.1:" + plain.port());
        ProbeOutcome down = tcp.probe(Probes.tcp(LocalServers.refusedPort(), 1_000, 10_000)).toCompletionStage()
                .toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
        assertThat(down.errorClass()).isEqualTo(ErrorClass.CONNECTION_REFUSED);
    }
}
