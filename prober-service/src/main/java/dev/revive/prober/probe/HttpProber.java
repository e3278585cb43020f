package dev.revive.prober.probe;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.revive.common.contract.ProbeResult.ErrorClass;
import dev.revive.common.contract.TargetSpec.Probe;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;

/**
 * HTTP(S) probes, never blocking a thread. By default each probe opens its own connection (so the result is what a
 * new visitor sees, TLS handshake included) with {@link FreshExchange}, a lean HTTP/1.1 client on Netty running on
 * Vert.x's event loops, closed when the probe ends. Targets that ask for keep-alive use Vert.x's pooled client;
 * fresh probes that follow redirects use a non-keep-alive Vert.x client (it does the redirects): both
 * {@link VertxExchange}. All three are {@link HttpExchange}s; the verdict (status, body checks, pattern) is made here,
 * once, from what the exchange returned. Each probe has its own deadline; a hanging server costs one idle socket
 * until then.
 */
public final class HttpProber implements AutoCloseable {

    private final ProbeOptions options;
    private final HttpExchange direct;
    private final HttpExchange freshFollowing;
    private final HttpExchange keepAlive;
    private final BodyPatterns patterns;
    private final WorkerExecutor patternWorkers;
    private final Map<List<String>, StatusRanges> statuses = new ConcurrentHashMap<>();

    public HttpProber(Vertx vertx, ProbeOptions options) {
        this.options = options;
        RecordingTrust trust = new RecordingTrust(options.extraTrustedCerts());
        this.patterns = new BodyPatterns(options.bodyPatternBudgetMs());
        this.patternWorkers = vertx.createSharedWorkerExecutor("revive-prober-body-patterns",
                Math.max(2, Runtime.getRuntime().availableProcessors()));
        this.direct = new FreshExchange(vertx, trust, options.addresses(), options.userAgent());
        this.freshFollowing = new VertxExchange(vertx, options, trust, false);
        this.keepAlive = new VertxExchange(vertx, options, trust, true);
    }

    /** The exchange a probe's settings ask for. */
    HttpExchange exchangeFor(Probe p) {
        return p.effectiveKeepAlive() ? keepAlive : p.effectiveFollowRedirects() ? freshFollowing : direct;
    }

    /** Probes the probe's URL; the future always succeeds, failures are outcomes. */
    public Future<ProbeOutcome> probe(Probe p, boolean needBody) {
        long t0 = System.nanoTime();
        String badHeader = HeaderCheck.problem(p.headers());
        if (badHeader != null) {
            return Future.succeededFuture(new ProbeOutcome(ErrorClass.INVALID_HEADER, null, null, null, null, 0, badHeader));
        }
        String badUrl = urlProblem(p.url());
        if (badUrl != null) {
            return Future.succeededFuture(new ProbeOutcome(ErrorClass.IO, null, null, null, null, 0, "bad url: " + badUrl));
        }
        boolean readBody = needBody || p.bodyMustContain() != null || p.bodyMustNotContain() != null || p.bodyRegex() != null;
        long timeout = p.effectiveTimeoutMs();
        return exchangeFor(p).exchange(p, readBody, options.maxBodyBytes(), timeout).compose(r -> {
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

    /** Why the URL cannot be probed (not absolute http(s) with a host), or null. */
    static String urlProblem(String url) {
        try {
            URI uri = URI.create(url);
            if (uri.getScheme() == null || !(uri.getScheme().equalsIgnoreCase("http") || uri.getScheme().equalsIgnoreCase("https"))) {
                return "not http or https: " + url;
            }
            return uri.getHost() == null ? "no host in " + url : null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
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

    static long micros(long t0) {
        return (System.nanoTime() - t0) / 1_000;
    }

    @Override
    public void close() {
        patternWorkers.close();
        direct.close();
        freshFollowing.close();
        keepAlive.close();
    }
}
