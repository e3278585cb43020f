package dev.revive.prober.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.revive.common.contract.ProbeResult.ErrorClass;
import dev.revive.common.contract.TargetSpec.Probe;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;

/**
 * The contract every {@link HttpExchange} keeps, run against each implementation with the same real servers on
 * 127.0.0.1: the status and the (capped) body, the address connected to, the request as configured, refused and
 * silent servers, TLS days and TLS failures, and addresses the policy refuses. A new client must pass it all.
 */
class HttpExchangeContractTest {

    private static final int CAP = 16;

    private static Vertx vertx;
    private static final Map<String, HttpExchange> EXCHANGES = new LinkedHashMap<>();
    private static final Map<String, HttpExchange> PUBLIC_ONLY = new LinkedHashMap<>();
    private static LocalServers.Server plain;
    private static LocalServers.Server secure;
    private static LocalServers.Server unsecure;

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createTempDirectory("revive-contract-certs-");
        TestCerts.Cert trusted = TestCerts.create(dir, "trusted", null, 30);
        TestCerts.Cert stranger = TestCerts.create(dir, "stranger", null, 30);
        vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
        for (var policy : List.of(Probes.LOCAL, new AddressPolicy(false, false))) {
            ProbeOptions options = new ProbeOptions(1 << 20, "Revive-Contract", List.of(trusted.pem()), 8).withAddresses(policy);
            RecordingTrust trust = new RecordingTrust(options.extraTrustedCerts());
            var into = policy == Probes.LOCAL ? EXCHANGES : PUBLIC_ONLY;
            into.put("fresh (Netty)", new FreshExchange(vertx, trust, policy, options.userAgent()));
            into.put("Vert.x, a connection per probe", new VertxExchange(vertx, options, trust, false));
            into.put("Vert.x, keep-alive", new VertxExchange(vertx, options, trust, true));
        }
        plain = LocalServers.http(vertx, req -> {
            switch (req.path()) {
                case "/ok" -> req.response().end("Welcome to the shop, a page longer than the cap");
                case "/chunked" -> {
                    req.response().setChunked(true).write("Wel");
                    req.response().end("come");
                }
                case "/503" -> req.response().setStatusCode(503).end("down");
                case "/echo" -> req.response().end(req.method() + " " + req.getHeader("X-Probe") + " " + req.getHeader("User-Agent"));
                default -> req.response().setStatusCode(404).end();
            }
        });
        secure = LocalServers.https(vertx, trusted, req -> req.response().end("secure"));
        unsecure = LocalServers.https(vertx, stranger, req -> req.response().end("who am I"));
    }

    @AfterAll
    static void stop() {
        Stream.concat(EXCHANGES.values().stream(), PUBLIC_ONLY.values().stream()).forEach(HttpExchange::close);
        vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
    }

    static Stream<String> exchanges() {
        return Stream.of("fresh (Netty)", "Vert.x, a connection per probe", "Vert.x, keep-alive");
    }

    private static HttpExchange.Result run(String name, Probe p, boolean readBody) {
        return run(EXCHANGES.get(name), p, readBody);
    }

    private static HttpExchange.Result run(HttpExchange x, Probe p, boolean readBody) {
        return x.exchange(p, readBody, CAP, p.effectiveTimeoutMs()).toCompletionStage().toCompletableFuture()
                .orTimeout(20, TimeUnit.SECONDS).join();
    }

    private static String text(HttpExchange.Result r) {
        assertThat(r.failure()).as("failure").isNull();
        assertThat(r.timedOut()).as("timed out").isFalse();
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("exchanges")
    void returns_the_status_the_body_up_to_the_cap_and_the_address(String name) {
        var r = run(name, Probes.http(plain.url("http", "/ok")), true);
        assertThat(r.failure()).isNull();
        assertThat(r.timedOut()).isFalse();
        assertThat(r.status()).isEqualTo(200);
        assertThat(text(r)).isEqualTo("Welcome to the s"); // CAP bytes
        assertThat(r.address()).isEqualTo("127.0.0.1:" + plain.server().actualPort());
        assertThat(r.tlsDaysLeft()).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("exchanges")
    void reads_no_body_unless_asked_and_reports_an_error_status_as_a_status(String name) {
        var r = run(name, Probes.http(plain.url("http", "/503")), false);
        assertThat(r.failure()).isNull();
        assertThat(r.status()).isEqualTo(503);
        assertThat(r.body()).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("exchanges")
    void reassembles_a_chunked_body(String name) {
        assertThat(text(run(name, Probes.http(plain.url("http", "/chunked")), true))).isEqualTo("Welcome");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("exchanges")
    void sends_the_method_the_headers_and_the_user_agent(String name) {
        Probe p = Probes.withHeaders(Probes.http(plain.url("http", "/echo")), "POST", Map.of("X-Probe", "yes"));
        var x = EXCHANGES.get(name);
        var r = x.exchange(p, true, 1000, p.effectiveTimeoutMs()).toCompletionStage().toCompletableFuture()
                .orTimeout(20, TimeUnit.SECONDS).join();
        assertThat(text(r)).isEqualTo("POST yes Revive-Contract");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("exchanges")
    void a_refused_connection_is_a_failure_classified_as_refused(String name) throws Exception {
        var r = run(name, Probes.http("http://127.0.0.1:" + LocalServers.refusedPort() + "/"), false);
        assertThat(r.timedOut()).isFalse();
        assertThat(ErrorClassifier.classify(r.failure())).isEqualTo(ErrorClass.CONNECTION_REFUSED);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("exchanges")
    void a_silent_server_ends_at_the_deadline(String name) throws Exception {
        try (ServerSocket hang = LocalServers.hanging()) {
            var r = run(name, Probes.http("http://127.0.0.1:" + hang.getLocalPort() + "/", 300, 10_000), false);
            assertThat(r.timedOut()).isTrue();
            assertThat(r.status()).isZero();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("exchanges")
    void a_trusted_certificate_gives_its_days_left(String name) {
        var r = run(name, Probes.http(secure.url("https", "/")), true);
        assertThat(r.failure()).isNull();
        assertThat(text(r)).isEqualTo("secure");
        assertThat(r.tlsDaysLeft()).isBetween(28, 30);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("exchanges")
    void an_untrusted_certificate_is_a_tls_failure_with_the_days_it_showed(String name) {
        var r = run(name, Probes.http(unsecure.url("https", "/")), false);
        assertThat(ErrorClassifier.classify(r.failure())).isEqualTo(ErrorClass.TLS);
        assertThat(r.tlsDaysLeft()).isBetween(28, 30);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("exchanges")
    void an_address_the_policy_refuses_is_never_connected_to(String name) {
        int before = plain.connections().get();
        var r = run(PUBLIC_ONLY.get(name), Probes.http(plain.url("http", "/ok")), false);
        assertThat(ErrorClassifier.classify(r.failure())).isEqualTo(ErrorClass.ADDRESS_REFUSED);
        assertThat(plain.connections().get()).isEqualTo(before);
    }
}
