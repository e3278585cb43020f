package dev.revive.prober.probe;

import java.net.URI;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

import dev.revive.common.contract.TargetSpec.Probe;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
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
 * The exchange on Vert.x's HTTP client: pooled connections for targets that ask for keep-alive, or a connection per
 * probe that follows redirects (the client does the redirects; each hop's host is resolved and checked like the
 * first). Slower per probe than {@link FreshExchange} (ADR 0002), so only where those two features are asked for.
 */
final class VertxExchange implements HttpExchange {

    private final Vertx vertx;
    private final ProbeOptions options;
    private final RecordingTrust trust;
    private final HttpClient client;

    /** @param keepAlive pooled connections kept between probes, or one connection per probe */
    VertxExchange(Vertx vertx, ProbeOptions options, RecordingTrust trust, boolean keepAlive) {
        this.vertx = vertx;
        this.options = options;
        this.trust = trust;
        HttpClientOptions o = new HttpClientOptions()
                .setKeepAlive(keepAlive)
                .setPipelining(false)
                .setVerifyHost(true)
                .setTrustOptions(TrustOptions.wrap(trust))
                .setTryUseCompression(false)
                .setMaxRedirects(5)
                .setTcpNoDelay(true);
        PoolOptions pool = new PoolOptions().setHttp1MaxSize(options.maxConnectionsPerHost()).setMaxWaitQueueSize(-1);
        this.client = pinRedirects(vertx.createHttpClient(o, pool));
    }

    /**
     * Runs on a Vert.x context: called from any other thread (a test), the response's body handler could be set only
     * after a short response had already ended (IllegalStateException from Vert.x), as the contract test saw.
     */
    @Override
    public Future<Result> exchange(Probe p, boolean readBody, int maxBody, long timeoutMs) {
        if (Vertx.currentContext() == null) {
            Promise<Result> done = Promise.promise();
            vertx.runOnContext(v -> start(p, readBody, maxBody, timeoutMs).onComplete(done));
            return done.future();
        }
        return start(p, readBody, maxBody, timeoutMs);
    }

    private Future<Result> start(Probe p, boolean readBody, int maxBody, long timeoutMs) {
        Promise<Result> done = Promise.promise();
        URI uri = URI.create(p.url());
        boolean https = "https".equalsIgnoreCase(uri.getScheme());
        int port = uri.getPort() > 0 ? uri.getPort() : https ? 443 : 80;
        String host = uri.getHost();
        String configured = host + ":" + port;
        RequestOptions ro = new RequestOptions()
                .setAbsoluteURI(p.url())
                .setMethod(HttpMethod.valueOf(p.effectiveMethod()))
                .setFollowRedirects(p.effectiveFollowRedirects())
                .setConnectTimeout(timeoutMs);
        ro.putHeader("User-Agent", options.userAgent());
        if (p.headers() != null) {
            p.headers().forEach(ro::putHeader);
        }
        HttpClientRequest[] current = new HttpClientRequest[1];
        String[] connectedTo = {configured};
        long timer = vertx.setTimer(timeoutMs, id -> {
            if (done.tryComplete(new Result(0, null, tlsDays(https, host, port), address(current[0], configured), null, true))
                    && current[0] != null) {
                current[0].reset();
            }
        });
        done.future().onComplete(x -> vertx.cancelTimer(timer));

        pinned(host, port).compose(server -> {
            connectedTo[0] = server.hostAddress() + ":" + port;
            return client.request(ro.setServer(server));
        }).compose(req -> {
            current[0] = req;
            return req.send().compose(resp -> read(resp, readBody, maxBody).map(body -> new Result(resp.statusCode(), body,
                    https ? peerDays(resp.request().connection(), host, port) : null, address(req, configured), null, false)));
        }).onComplete(ar -> {
            if (ar.succeeded()) {
                done.tryComplete(ar.result());
            } else {
                done.tryComplete(new Result(0, null, https ? tlsDays(true, host, port) : null,
                        address(current[0], connectedTo[0]), ar.cause(), false));
            }
        });
        return done.future();
    }

    /** Each redirect's host is resolved and checked like the first one, and connected to at the address checked. */
    private HttpClient pinRedirects(HttpClient c) {
        Function<HttpClientResponse, Future<RequestOptions>> followed = c.redirectHandler();
        return c.redirectHandler(resp -> followed.apply(resp).compose(ro -> ro == null || ro.getHost() == null
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

    @Override
    public void close() {
        client.close();
    }
}
