package dev.revive.prober.probe;

import java.net.InetAddress;

import dev.revive.common.contract.ProbeResult.ErrorClass;
import dev.revive.common.contract.TargetSpec.Probe;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.impl.VertxInternal;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.SocketAddress;

/**
 * TCP connect probes: the port accepts a connection within the timeout, then the connection is closed. The host is
 * resolved first and the address checked against the {@link AddressPolicy}; the connection goes to that address.
 */
public final class TcpProber implements AutoCloseable {

    private final Vertx vertx;
    private final NetClient client;
    private final AddressPolicy addresses;

    /** Public addresses only. */
    public TcpProber(Vertx vertx) {
        this(vertx, AddressPolicy.PUBLIC_ONLY);
    }

    public TcpProber(Vertx vertx, AddressPolicy addresses) {
        this.vertx = vertx;
        this.addresses = addresses;
        this.client = vertx.createNetClient(new NetClientOptions().setTcpNoDelay(true));
    }

    public Future<ProbeOutcome> probe(Probe p) {
        long t0 = System.nanoTime();
        long timeout = p.effectiveTimeoutMs();
        String configured = p.host() + ":" + p.port();
        Promise<ProbeOutcome> done = Promise.promise();
        long timer = vertx.setTimer(timeout, id -> done.tryComplete(new ProbeOutcome(ErrorClass.TIMEOUT, null, null, configured, null,
                HttpProber.micros(t0), "no connection within " + timeout + " ms")));
        String host = p.host() != null && p.host().startsWith("[") && p.host().endsWith("]")
                ? p.host().substring(1, p.host().length() - 1) : p.host();
        Promise<InetAddress> resolved = Promise.promise();
        ((VertxInternal) vertx).resolveAddress(host, resolved);
        resolved.future().compose(a -> {
            String why = addresses.refusal(a);
            return why != null ? Future.failedFuture(new AddressPolicy.Refused(why))
                    : client.connect(SocketAddress.inetSocketAddress(p.port(), a.getHostAddress()));
        }).onComplete(ar -> {
            vertx.cancelTimer(timer);
            if (ar.succeeded()) {
                SocketAddress a = ar.result().remoteAddress();
                String addr = a != null && a.hostAddress() != null ? a.hostAddress() + ":" + a.port() : configured;
                // Closed either way: a connection that arrives after the deadline was already reported as a time-out.
                done.tryComplete(new ProbeOutcome(ErrorClass.NONE, null, null, addr, null, HttpProber.micros(t0), "connected"));
                ar.result().close();
            } else {
                done.tryComplete(new ProbeOutcome(ErrorClassifier.classify(ar.cause()), null, null, configured, null,
                        HttpProber.micros(t0), ErrorClassifier.describe(ar.cause())));
            }
        });
        return done.future();
    }

    @Override
    public void close() {
        client.close();
    }
}
