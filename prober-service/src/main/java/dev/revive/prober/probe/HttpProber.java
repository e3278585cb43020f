package dev.revive.prober.probe;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import dev.revive.common.contract.ProbeResult.ErrorClass;
import dev.revive.common.contract.TargetSpec.Probe;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.impl.VertxInternal;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.net.TrustOptions;

/**
 * HTTP(S) probes, never blocking a thread. By default each probe opens its own connection (so the result is what a
 * new visitor sees, TLS handshake included) with {@link FreshExchange}, a lean HTTP/1.1 client on Netty running on
 * Vert.x's event loops, closed when the probe ends. Targets that ask for keep-alive use Vert.x's pooled client;
 * fresh probes that follow redirects use a non-keep-alive Vert.x client (it does the redirects). Each probe has its
 * own deadline; a hanging server costs one idle socket until then.
 */
public final class HttpProber implements AutoCloseable {

    private final Vertx vertx;
    private final ProbeOptions options;
    private final RecordingTrust trust;
    private final HttpClient fresh;
    private final HttpClient keepAlive;
    private final FreshExchange direct;
    private final BodyPatterns patterns;
    private final WorkerExecutor patternWorkers;
    private final Map<List<String>, StatusRanges> statuses = new ConcurrentHashMap<>();
    private final Map<Probe, FreshRequest> requests = new ConcurrentHashMap<>();

    public HttpProber(Vertx vertx, ProbeOptions options) {
        this.vertx = vertx;
        this.options = options;
        this.trust = new RecordingTrust(options.extraTrustedCerts());
        this.patterns = new BodyPatterns(options.bodyPatternBudgetMs());
        this.patternWorkers = vertx.createSharedWorkerExecutor("revive-prober-body-patterns",
                Math.max(2, Runtime.getRuntime().availableProcessors()));
        this.fresh = pinRedirects(vertx.createHttpClient(clientOptions(false), pool()));
        this.keepAlive = pinRedirects(vertx.createHttpClient(clientOptions(true), pool()));
        this.direct = new FreshExchange(vertx, trust, options.addresses());
    }

    /** Each redirect's host is resolved and checked like the first one, and connected to at the address checked. */
    private HttpClient pinRedirects(HttpClient client) {
        Function<HttpClientResponse, Future<RequestOptions>> followed = client.redirectHandler();
        return client.redirectHandler(resp -> followed.apply(resp).compose(ro -> ro == null || ro.getHost() == null
                ? Future.succeededFuture(ro)
                : pinned(ro.getHost(), ro.getPort() == null ? (Boolean.TRUE.equals(ro.isSsl()) ? 443 : 80) : ro.getPort())
                        .map(ro::setServer)));
    }

    /**
     * Resolves a host and checks the address; the request then connects to exactly that address (the host name
     * still goes into Host, SNI and certificate verification), so a name cannot resolve to a checked address and then
     * to another one at connect time.
     */
    private Future<SocketAddress> pinned(String host, int port) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        Promise<java.net.InetAddress> resolved = Promise.promise();
        ((VertxInternal) vertx).resolveAddress(h, resolved);
        return resolved.future().compose(a -> {
            String why = options.addresses().refusal(a);
            return why != null ? Future.failedFuture(new AddressPolicy.Refused(why))
                    : Future.succeededFuture(SocketAddress.inetSocketAddress(port, a.getHostAddress()));
        });
    }

    private HttpClientOptions clientOptions(boolean keep) {
        return new HttpClientOptions()
                .setKeepAlive(keep)
                .setPipelining(false)
                .setVerifyHost(true)
                .setTrustOptions(TrustOptions.wrap(trust))
                .setTryUseCompression(false)
                .setMaxRedirects(5)
                .setTcpNoDelay(true);
    }

    private PoolOptions pool() {
        return new PoolOptions().setHttp1MaxSize(options.maxConnectionsPerHost()).setMaxWaitQueueSize(-1);
    }

    /** Probes the probe's URL; the future always succeeds, failures are outcomes. */
    public Future<ProbeOutcome> probe(Probe p, boolean needBody) {
        long t0 = System.nanoTime();
        String badHeader = HeaderCheck.problem(p.headers());
        if (badHeader != null) {
            return Future.succeededFuture(new ProbeOutcome(ErrorClass.INVALID_HEADER, null, null, null, null, 0, badHeader));
        }
        boolean readBody = needBody || p.bodyMustContain() != null || p.bodyMustNotContain() != null || p.bodyRegex() != null;
        long timeout = p.effectiveTimeoutMs();
        if (!p.effectiveKeepAlive() && !p.effectiveFollowRedirects()) {
            FreshRequest fr;
            try {
                fr = prepared(p);
            } catch (IllegalArgumentException e) {
                return Future.succeededFuture(new ProbeOutcome(ErrorClass.IO, null, null, null, null, 0, "bad url: " + e.getMessage()));
            }
            return direct.exchange(fr, readBody, options.maxBodyBytes(), timeout).compose(r -> {
                if (r.timedOut()) {
                    return Future.succeededFuture(new ProbeOutcome(ErrorClass.TIMEOUT, null, r.tlsDaysLeft(), r.address(), null,
                            micros(t0), "no answer within " + timeout + " ms"));
                } else if (r.failure() != null) {
                    return Future.succeededFuture(new ProbeOutcome(ErrorClassifier.classify(r.failure()), null, r.tlsDaysLeft(),
                            r.address(), null, micros(t0), ErrorClassifier.describe(r.failure())));
                }
                return matched(p, verdict(p, r.status(), r.body(), r.tlsDaysLeft(), r.address(), t0));
            });
        }
        Promise<ProbeOutcome> done = Promise.promise();
        URI uri;
        try {
            uri = URI.create(p.url());
        } catch (IllegalArgumentException e) {
            done.complete(new ProbeOutcome(ErrorClass.IO, null, null, null, null, 0, "bad url: " + e.getMessage()));
            return done.future();
        }
        boolean https = "https".equalsIgnoreCase(uri.getScheme());
        int port = uri.getPort() > 0 ? uri.getPort() : https ? 443 : 80;
        String host = uri.getHost();
        if (host == null) {
            done.complete(new ProbeOutcome(ErrorClass.IO, null, null, null, null, 0, "bad url: no host in " + p.url()));
            return done.future();
        }
        String configured = host + ":" + port;
        RequestOptions ro = new RequestOptions()
                .setAbsoluteURI(p.url())
                .setMethod(HttpMethod.valueOf(p.effectiveMethod()))
                .setFollowRedirects(p.effectiveFollowRedirects())
                .setConnectTimeout(timeout);
        ro.putHeader("User-Agent", options.userAgent());
        p.headers().forEach(ro::putHeader);
        HttpClient client = p.effectiveKeepAlive() ? keepAlive : fresh;

        HttpClientRequest[] current = new HttpClientRequest[1];
        String[] connectedTo = {configured};
        long timer = vertx.setTimer(timeout, id -> {
            if (done.tryComplete(new ProbeOutcome(ErrorClass.TIMEOUT, null, tlsDays(https, host, port), address(current[0], configured),
                    null, micros(t0), "no answer within " + timeout + " ms")) && current[0] != null) {
                current[0].reset();
            }
        });
        done.future().onComplete(x -> vertx.cancelTimer(timer));

        pinned(host, port).compose(server -> {
            connectedTo[0] = server.hostAddress() + ":" + port;
            return client.request(ro.setServer(server));
        }).compose(req -> {
            current[0] = req;
            return req.send().compose(resp -> read(resp, readBody, options.maxBodyBytes()).compose(body -> matched(p,
                    verdict(p, resp.statusCode(), body, https ? peerDays(resp.request().connection(), host, port) : null,
                            address(req, configured), t0))));
        }).onComplete(ar -> {
            if (ar.succeeded()) {
                done.tryComplete(ar.result());
            } else {
                ErrorClass e = ErrorClassifier.classify(ar.cause());
                done.tryComplete(new ProbeOutcome(e, null, https ? tlsDays(true, host, port) : null, address(current[0], connectedTo[0]),
                        null, micros(t0), ErrorClassifier.describe(ar.cause())));
            }
        });
        return done.future();
    }

    /** The fresh request of a probe, encoded once per probe settings (a target's settings change rarely). */
    private FreshRequest prepared(Probe p) {
        FreshRequest r = requests.get(p);
        if (r == null) {
            if (requests.size() > 100_000) {
                requests.clear(); // settings of deleted or edited targets: start again rather than grow forever
            }
            Map<String, String> headers = p.headers() == null ? Map.of() : p.headers();
            r = FreshRequest.of(URI.create(p.url()), p.effectiveMethod(), options.userAgent(), headers);
            requests.put(p, r);
        }
        return r;
    }

    static Future<byte[]> read(HttpClientResponse resp, boolean keep, int cap) {
        if (!keep) {
            return resp.end().map(v -> (byte[]) null);
        }
        Promise<byte[]> p = Promise.promise();
        Buffer acc = Buffer.buffer();
        resp.handler(chunk -> {
            int room = cap - acc.length();
            if (room > 0) {
                acc.appendBuffer(chunk.length() <= room ? chunk : chunk.getBuffer(0, room));
            }
        });
        resp.exceptionHandler(p::tryFail);
        resp.endHandler(v -> p.tryComplete(acc.getBytes()));
        return p.future();
    }

    private ProbeOutcome verdict(Probe p, int status, byte[] body, Integer days, String address, long t0) {
        ProbeOutcome ok = new ProbeOutcome(ErrorClass.NONE, status, days, address, body, micros(t0), "HTTP " + status);
        StatusRanges expected = statuses.computeIfAbsent(p.expectedStatus(), StatusRanges::parse);
        if (!expected.accepts(status)) {
            return ok.withVerdict(ErrorClass.UNEXPECTED_STATUS, "HTTP " + status + " not in " + String.join(",", p.expectedStatus()));
        }
        if (body != null && (p.bodyMustContain() != null || p.bodyMustNotContain() != null)) {
            String text = new String(body, StandardCharsets.UTF_8);
            if (p.bodyMustContain() != null && !text.contains(p.bodyMustContain())) {
                return ok.withVerdict(ErrorClass.BODY_MISMATCH, "body lacks '" + p.bodyMustContain() + "'");
            }
            if (p.bodyMustNotContain() != null && text.contains(p.bodyMustNotContain())) {
                return ok.withVerdict(ErrorClass.BODY_MISMATCH, "body contains '" + p.bodyMustNotContain() + "'");
            }
        }
        return ok;
    }

    /**
     * The body pattern, last of the checks, on a worker thread of its own pool: even linear in the body, a match over
     * a megabyte takes a while, and the event loops are for I/O. Stopped after the time budget.
     */
    private Future<ProbeOutcome> matched(Probe p, ProbeOutcome o) {
        if (!o.up() || o.body() == null || p.bodyRegex() == null) {
            return Future.succeededFuture(o);
        }
        return patternWorkers.executeBlocking(() -> {
            try {
                return patterns.find(p.bodyRegex(), new String(o.body(), StandardCharsets.UTF_8)) ? o
                        : o.withVerdict(ErrorClass.BODY_MISMATCH, "body does not match /" + p.bodyRegex() + "/");
            } catch (BodyPatterns.Refused e) {
                return o.withVerdict(ErrorClass.INVALID_PATTERN, e.getMessage());
            }
        }, false);
    }

    private Integer peerDays(HttpConnection c, String host, int port) {
        try {
            if (c != null) {
                List<Certificate> certs = c.peerCertificates();
                if (!certs.isEmpty() && certs.get(0) instanceof X509Certificate x) {
                    return RecordingTrust.daysLeft(x.getNotAfter().toInstant(), Instant.now());
                }
            }
        } catch (Exception e) {
            // fall back to what the trust manager saw during the handshake
        }
        return tlsDays(true, host, port);
    }

    private Integer tlsDays(boolean https, String host, int port) {
        return https ? trust.daysLeft(host, port, Instant.now()) : null;
    }

    private static String address(HttpClientRequest req, String configured) {
        if (req == null) {
            return configured;
        }
        try {
            return address(req.connection(), configured);
        } catch (RuntimeException e) {
            return configured;
        }
    }

    private static String address(HttpConnection c, String configured) {
        try {
            SocketAddress a = c == null ? null : c.remoteAddress();
            if (a != null && a.hostAddress() != null) {
                return a.hostAddress() + ":" + a.port();
            }
        } catch (RuntimeException e) {
            // the connection may be gone already
        }
        return configured;
    }

    static long micros(long t0) {
        return (System.nanoTime() - t0) / 1_000;
    }

    @Override
    public void close() {
        patternWorkers.close();
        fresh.close();
        keepAlive.close();
    }
}
