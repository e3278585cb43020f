package dev.revive.launcher;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import com.sun.net.httpserver.HttpServer;

/**
 * The demo target of the local stack: a real HTTP server on loopback that the break/heal drill kills and
 * Revive restarts. {@code GET /} answers 200 with a page naming its start time; {@code GET /health} answers
 * {@code ok}.
 *
 * <p>Arguments: {@code --port N}. Prints {@code REVIVE-DEMO-READY port} once listening.
 */
public final class DemoServer {

    public static final String READY = "REVIVE-DEMO-READY ";

    private DemoServer() {
    }

    public static void main(String[] args) throws IOException {
        int port = 8090;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--port")) {
                port = Integer.parseInt(args[++i]);
            } else {
                throw new IllegalArgumentException("unexpected argument: " + args[i]);
            }
        }
        Instant started = Instant.now();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 128);
        server.createContext("/health", ex -> reply(ex, "ok\n"));
        server.createContext("/", ex -> reply(ex, "<html><body><h1>Revive demo site</h1><p>Serving since " + started
                + " (pid " + ProcessHandle.current().pid() + ")</p></body></html>\n"));
        server.setExecutor(null);
        server.start();
        System.out.println(READY + port);
        System.out.flush();
    }

    private static void reply(com.sun.net.httpserver.HttpExchange ex, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", body.startsWith("<html>") ? "text/html; charset=utf-8" : "text/plain");
        ex.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }
}
