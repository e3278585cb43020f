package dev.revive.prober.probe;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.util.concurrent.EventExecutor;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.impl.HttpClientConnection;
import io.vertx.core.http.impl.HttpClientInternal;
import io.vertx.core.impl.ContextInternal;
import io.vertx.core.impl.VertxInternal;
import io.vertx.core.net.SocketAddress;

/**
 * One HTTP exchange on a connection of its own: connect (TLS included), one request, the response, close.
 *
 * <p>Why not the pooled {@code HttpClient} with keep-alive off: every such probe still went through the connection
 * pool of its host (acquire, waiter queue, a selector scanning every open connection of the host, release), although
 * no connection is ever reused, and a probe whose deadline passed while it waited in that queue still connected and
 * sent its request afterwards. Under load that was work spent on probes already reported as time-outs, so the queue
 * grew instead of draining (see the README's benchmark). Here the connection is opened directly
 * ({@link HttpClientInternal#connect}: same codec, TLS, SNI and host verification as the client's requests), a
 * connection that completes after the deadline is closed at once, and probes are spread over the event loops in turn
 * instead of all running on the caller's (a scheduler driven from one thread would otherwise use one core).
 */
final class FreshExchange implements AutoCloseable {

    /** What came back: a response (and body if asked), or a failure, or the deadline. */
    record Result(HttpConnection connection, HttpClientResponse response, byte[] body, Throwable failure, boolean timedOut) {
    }

    private final HttpClientInternal plain;
    private final HttpClientInternal tls;
    private final ContextInternal[] loops;
    private final AtomicInteger next = new AtomicInteger();

    FreshExchange(Vertx vertx, HttpClientInternal plain, HttpClientInternal tls) {
        this.plain = plain;
        this.tls = tls;
        VertxInternal vi = (VertxInternal) vertx;
        List<ContextInternal> contexts = new ArrayList<>();
        for (EventExecutor ignored : vi.getEventLoopGroup()) {
            contexts.add(vi.createEventLoopContext()); // each call takes the group's next event loop
        }
        this.loops = contexts.toArray(ContextInternal[]::new);
    }

    /** Runs the exchange on the next event loop; the future always succeeds (failures are in the result). */
    Future<Result> exchange(boolean https, String host, int port, String pathAndQuery, RequestOptions ro, boolean readBody,
            int maxBody, long timeoutMs) {
        ContextInternal ctx = loops[Math.floorMod(next.getAndIncrement(), loops.length)];
        Promise<Result> done = Promise.promise();
        ctx.runOnContext(v -> start(ctx, done, https, host, port, pathAndQuery, ro, readBody, maxBody, timeoutMs));
        return done.future();
    }

    private void start(ContextInternal ctx, Promise<Result> done, boolean https, String host, int port, String pathAndQuery,
            RequestOptions ro, boolean readBody, int maxBody, long timeoutMs) {
        HttpClientConnection[] conn = new HttpClientConnection[1];
        long timer = ctx.setTimer(timeoutMs, id -> {
            if (done.tryComplete(new Result(conn[0], null, null, null, true)) && conn[0] != null) {
                conn[0].close();
            }
        });
        SocketAddress server = SocketAddress.inetSocketAddress(port, host);
        (https ? tls : plain).connect(server, server).onComplete(car -> {
            if (car.failed()) {
                ctx.owner().cancelTimer(timer);
                done.tryComplete(new Result(null, null, null, car.cause(), false));
                return;
            }
            HttpClientConnection c = car.result();
            conn[0] = c;
            if (done.future().isComplete()) {
                c.close(); // connected after the deadline: the probe was reported already
                return;
            }
            c.createRequest(ctx).compose(req -> {
                req.setMethod(ro.getMethod()).setHost(host).setPort(port).setURI(pathAndQuery);
                ro.getHeaders().forEach(req::putHeader);
                return req.send().compose(resp -> HttpProber.read(resp, readBody, maxBody)
                        .map(body -> new Result(c, resp, body, null, false)));
            }).onComplete(ar -> {
                ctx.owner().cancelTimer(timer);
                done.tryComplete(ar.succeeded() ? ar.result() : new Result(c, null, null, ar.cause(), false));
                c.close();
            });
        });
    }

    @Override
    public void close() {
        plain.close();
        tls.close();
    }
}
