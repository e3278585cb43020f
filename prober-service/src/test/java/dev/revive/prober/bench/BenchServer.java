package dev.revive.prober.bench;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServerOptions;

/**
 * The benchmark's loopback web server, run in its own JVM so the harness's process CPU time is the prober's alone.
 * Serves a small page on {@code ports} consecutive ports of 127.0.0.1 from the given base, prints READY, and exits
 * when its standard input closes.
 */
public final class BenchServer {

    public static void main(String[] args) throws Exception {
        int base = Integer.parseInt(args[0]);
        int ports = Integer.parseInt(args[1]);
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
        String page = "<html><body>" + "ok ".repeat(100) + "</body></html>";
        for (int i = 0; i < ports; i++) {
            vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(base + i).setAcceptBacklog(4096))
                    .requestHandler(req -> req.response().putHeader("Content-Type", "text/html").end(page))
                    .listen().toCompletionStage().toCompletableFuture().join();
        }
        System.out.println("READY");
        System.out.flush();
        while (System.in.read() >= 0) {
            // runs until the harness goes away
        }
        System.exit(0);
    }

    private BenchServer() {
    }
}
