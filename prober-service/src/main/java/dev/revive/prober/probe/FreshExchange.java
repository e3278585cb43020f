package dev.revive.prober.probe;

import java.net.InetSocketAddress;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;

import dev.revive.common.contract.TargetSpec.Probe;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoop;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.NetUtil;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.impl.ContextInternal;
import io.vertx.core.impl.VertxInternal;

/**
 * One HTTP/1.1 exchange on a connection of its own, written directly on Netty: connect (TLS included), write the
 * pre-encoded request, read the status line, the framing headers and only as much body as the checks need, close.
 *
 * <p>Why not Vert.x's HTTP client: even opened straight to the server (no pool), a Vert.x connection sets up a
 * codec, a stream, a request object and a response object with header maps per probe, and spent 0.35-0.9 ms CPU per
 * fresh probe here. This path allocates one handler, one parser and the request bytes.
 *
 * <p>It runs on Vert.x's own event loops ({@code nettyEventLoopGroup}, so no extra threads), with Vert.x's channel
 * type (epoll when Vert.x uses the native transport, NIO else) and Vert.x's asynchronous resolver (so a host name
 * never blocks a loop). Probes go round-robin over the loops (a scheduler driven from one thread would otherwise use
 * one core). One deadline covers connect, TLS handshake, request and response; when it passes, the channel is closed,
 * which also abandons a connect still pending. TLS goes through Netty's {@link SslHandler} on a JDK engine with
 * {@link RecordingTrust}, SNI and HTTPS host verification, like the Vert.x client did.
 */
final class FreshExchange implements HttpExchange {

    private final ContextInternal[] loops;
    private final AtomicInteger next = new AtomicInteger();
    private final io.netty.channel.ChannelFactory<? extends Channel> channels;
    private final io.netty.resolver.AddressResolverGroup<InetSocketAddress> resolver;
    private final SSLContext tls;
    private final RecordingTrust trust;
    private final AddressPolicy addresses;
    private final String userAgent;
    private final Map<Probe, FreshRequest> requests = new ConcurrentHashMap<>();

    FreshExchange(Vertx vertx, RecordingTrust trust, AddressPolicy addresses, String userAgent) {
        this.userAgent = userAgent;
        VertxInternal vi = (VertxInternal) vertx;
        List<ContextInternal> contexts = new ArrayList<>();
        for (EventExecutor loop : vi.nettyEventLoopGroup()) {
            contexts.add(vi.createEventLoopContext((EventLoop) loop, null, Thread.currentThread().getContextClassLoader()));
        }
        this.loops = contexts.toArray(ContextInternal[]::new);
        this.channels = vi.transport().channelFactory(false);
        this.resolver = vi.nettyAddressResolverGroup();
        this.trust = trust;
        this.addresses = addresses;
        try {
            this.tls = SSLContext.getInstance("TLS");
            this.tls.init(null, new TrustManager[] {trust}, null);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no TLS context: " + e.getMessage(), e);
        }
    }

    /** Runs the exchange on the next event loop; the future always succeeds (failures are in the result). */
    @Override
    public Future<Result> exchange(Probe p, boolean readBody, int maxBody, long timeoutMs) {
        return exchange(prepared(p), readBody, maxBody, timeoutMs);
    }

    /** The fresh request of a probe, encoded once per probe settings (a target's settings change rarely). */
    private FreshRequest prepared(Probe p) {
        FreshRequest r = requests.get(p);
        if (r == null) {
            if (requests.size() > 100_000) {
                requests.clear(); // settings of deleted or edited targets: start again rather than grow forever
            }
            Map<String, String> headers = p.headers() == null ? Map.of() : p.headers();
            r = FreshRequest.of(URI.create(p.url()), p.effectiveMethod(), userAgent, headers);
            requests.put(p, r);
        }
        return r;
    }

    Future<Result> exchange(FreshRequest r, boolean readBody, int maxBody, long timeoutMs) {
        ContextInternal ctx = loops[Math.floorMod(next.getAndIncrement(), loops.length)];
        Promise<Result> done = ctx.promise();
        EventLoop loop = ctx.nettyEventLoop();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        if (loop.inEventLoop()) {
            start(loop, done, r, readBody, maxBody, deadline);
        } else {
            loop.execute(() -> start(loop, done, r, readBody, maxBody, deadline));
        }
        return done.future();
    }

    private void start(EventLoop loop, Promise<Result> done, FreshRequest r, boolean readBody, int maxBody, long deadline) {
        Exchange ex = new Exchange(done, r, new ResponseParser(readBody, maxBody, r.head()));
        // The deadline counts from the call: a probe that waited its whole time in an overloaded loop's queue is
        // reported at once and costs no connection (overload sheds work instead of piling it up).
        long timeoutMs = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (timeoutMs <= 0) {
            ex.deadline();
            return;
        }
        Bootstrap b = new Bootstrap()
                .group(loop)
                .channelFactory(channels)
                .resolver(resolver)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, timeoutMs))
                .handler(ex);
        ex.timer = loop.schedule(ex::deadline, timeoutMs, TimeUnit.MILLISECONDS);
        ChannelFuture cf = b.connect(r.address());
        ex.channel = cf.channel();
        if (ex.finished && cf.channel().isRegistered()) {
            cf.channel().close(); // failed at once (e.g. the resolver said no): nothing to keep open
        }
        cf.addListener(f -> {
            if (!f.isSuccess()) {
                // A channel that could not even be created (no file descriptor left, say) reports on Netty's global
                // executor, not on the loop: back to the loop, where all of this exchange's state lives.
                if (loop.inEventLoop()) {
                    ex.fail(f.cause());
                } else {
                    loop.execute(() -> ex.fail(f.cause()));
                }
            }
        });
    }

    private SSLEngine engine(FreshRequest r) {
        SSLEngine e = tls.createSSLEngine(r.host(), r.port());
        e.setUseClientMode(true);
        SSLParameters p = e.getSSLParameters();
        p.setEndpointIdentificationAlgorithm("HTTPS");
        if (!NetUtil.isValidIpV4Address(r.host()) && !NetUtil.isValidIpV6Address(r.host())) {
            p.setServerNames(List.of(new SNIHostName(r.host())));
        }
        e.setSSLParameters(p);
        return e;
    }

    /** The state of one exchange; every method runs on the channel's event loop. */
    private final class Exchange extends ChannelDuplexHandler {
        private final Promise<Result> done;
        private final FreshRequest r;
        private final ResponseParser parser;
        private Channel channel;
        private ScheduledFuture<?> timer;
        private boolean finished;
        private String address;

        Exchange(Promise<Result> done, FreshRequest r, ResponseParser parser) {
            this.done = done;
            this.r = r;
            this.parser = parser;
        }

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            if (r.https()) {
                // Before this handler: the request written below waits in the SslHandler for the handshake.
                ctx.pipeline().addBefore(ctx.name(), "tls", new SslHandler(engine(r)));
            }
        }

        /** The address is resolved by now (or was a literal): refused here, before any packet is sent to it. */
        @Override
        public void connect(ChannelHandlerContext ctx, java.net.SocketAddress remote, java.net.SocketAddress local,
                ChannelPromise promise) throws Exception {
            String why = remote instanceof InetSocketAddress a ? addresses.refusal(a.getAddress()) : null;
            if (why != null) {
                address = ((InetSocketAddress) remote).getAddress().getHostAddress() + ":" + r.port();
                promise.tryFailure(new AddressPolicy.Refused(why));
                return;
            }
            super.connect(ctx, remote, local, promise);
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            if (ctx.channel().remoteAddress() instanceof InetSocketAddress a && a.getAddress() != null) {
                address = a.getAddress().getHostAddress() + ":" + a.getPort();
            }
            ctx.writeAndFlush(ctx.alloc().directBuffer(r.request().length).writeBytes(r.request()));
            ctx.fireChannelActive();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (!finished && msg instanceof ByteBuf in && parser.feed(in)) {
                    succeed();
                }
            } catch (Exception e) {
                fail(e);
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (!finished) {
                if (parser.endOfInput()) {
                    succeed();
                } else {
                    fail(new java.io.IOException(parser.status() < 0 ? "connection closed before a response"
                            : "connection closed before the response ended"));
                }
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            fail(cause);
        }

        void deadline() {
            finish(new Result(0, null, tlsDays(), address == null ? r.configured() : address, null, true));
        }

        void fail(Throwable cause) {
            finish(new Result(0, null, tlsDays(), address == null ? r.configured() : address, cause, false));
        }

        private void succeed() {
            finish(new Result(parser.status(), parser.body(), peerDays(), address == null ? r.configured() : address, null, false));
        }

        private void finish(Result result) {
            if (finished) {
                return;
            }
            finished = true;
            if (timer != null) {
                timer.cancel(false);
            }
            done.complete(result);
            if (channel != null && channel.isRegistered()) {
                channel.close(); // also abandons a connect still pending
            }
        }

        private Integer peerDays() {
            if (!r.https() || channel == null) {
                return null;
            }
            try {
                SslHandler h = channel.pipeline().get(SslHandler.class);
                Certificate[] certs = h == null ? null : h.engine().getSession().getPeerCertificates();
                if (certs != null && certs.length > 0 && certs[0] instanceof X509Certificate x) {
                    return RecordingTrust.daysLeft(x.getNotAfter().toInstant(), Instant.now());
                }
            } catch (Exception e) {
                // fall back to what the trust manager saw during the handshake
            }
            return tlsDays();
        }

        private Integer tlsDays() {
            return r.https() ? trust.daysLeft(r.host(), r.port(), Instant.now()) : null;
        }
    }
}
