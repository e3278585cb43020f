package dev.revive.prober.probe;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.PfxOptions;

/** Servers on 127.0.0.1 that behave well or badly, for probe tests. */
public final class LocalServers {

    private LocalServers() {
    }

    /** A started HTTP(S) server; {@code connections} counts accepted connections. */
    public record Server(HttpServer server, AtomicInteger connections) {
        public int port() {
            return server.actualPort();
        }

        public String url(String scheme, String path) {
            return scheme + "://127.0.0.1:" + port() + path;
        }

        public void close() {
            server.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
        }
    }

    public static Server http(Vertx vertx, Handler<HttpServerRequest> handler) {
        return start(vertx, new HttpServerOptions(), handler);
    }

    public static Server https(Vertx vertx, TestCerts.Cert cert, Handler<HttpServerRequest> handler) {
        return start(vertx, new HttpServerOptions().setSsl(true)
                .setKeyCertOptions(new PfxOptions().setPath(cert.keyStore().toString()).setPassword(cert.password())), handler);
    }

    private static Server start(Vertx vertx, HttpServerOptions options, Handler<HttpServerRequest> handler) {
        AtomicInteger connections = new AtomicInteger();
        HttpServer s = vertx.createHttpServer(options.setHost("127.0.0.1").setPort(0))
                .connectionHandler(c -> connections.incrementAndGet())
                .requestHandler(handler);
        s.listen().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
        return new Server(s, connections);
    }

    /** A socket that completes the TCP handshake (backlog) but never answers. Close it after the test. */
    public static ServerSocket hanging() throws IOException {
        return new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
    }

    /** A port on 127.0.0.1 where nothing listens. */
    public static int refusedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }
}
