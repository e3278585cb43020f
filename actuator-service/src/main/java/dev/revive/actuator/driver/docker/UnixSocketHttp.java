package dev.revive.actuator.driver.docker;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A small HTTP/1.1 client over a unix domain socket (the Docker engine's {@code /var/run/docker.sock}): one
 * connection per request with {@code Connection: close}, no body sent, the response read whole. Blocking; meant for
 * the actuator's worker threads. An interrupt closes the channel and ends the call at once
 * ({@link ClosedByInterruptException}); a request that outlasts its timeout has its channel closed too.
 */
public final class UnixSocketHttp {

    /** Closes channels whose request ran out of time; one daemon thread for every client. */
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("revive-unix-http-watchdog").factory());

    private final Path socket;
    private final int maxBody;

    public UnixSocketHttp(Path socket, int maxBody) {
        this.socket = socket;
        this.maxBody = maxBody;
    }

    public Path socket() {
        return socket;
    }

    /** Sends {@code method pathAndQuery} and returns the response; IOException when the socket or the peer fail. */
    public HttpResponse send(String method, String pathAndQuery, Duration timeout) throws IOException {
        AtomicBoolean timedOut = new AtomicBoolean();
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ScheduledFuture<?> alarm = WATCHDOG.schedule(() -> {
                timedOut.set(true);
                closeQuietly(ch);
            }, timeout.toMillis(), TimeUnit.MILLISECONDS);
            try {
                ch.connect(UnixDomainSocketAddress.of(socket));
                ch.write(ByteBuffer.wrap(request(method, pathAndQuery).getBytes(StandardCharsets.ISO_8859_1)));
                return new HttpResponseReader(new BufferedInputStream(Channels.newInputStream(ch)), maxBody).read(method);
            } finally {
                alarm.cancel(false);
            }
        } catch (AsynchronousCloseException e) {
            if (timedOut.get() && !(e instanceof ClosedByInterruptException)) {
                throw new IOException(method + " " + pathAndQuery + " on " + socket + ": no response within " + timeout, e);
            }
            throw e;
        }
    }

    static String request(String method, String pathAndQuery) {
        if (!pathAndQuery.startsWith("/") || pathAndQuery.chars().anyMatch(c -> c <= ' ' || c >= 0x7f)) {
            throw new IllegalArgumentException("not a plain request target: " + pathAndQuery);
        }
        // The engine ignores Host on its socket, but HTTP/1.1 requires one. A POST without a body says so.
        return method + " " + pathAndQuery + " HTTP/1.1\r\n"
                + "Host: docker\r\n"
                + "User-Agent: revive-actuator\r\n"
                + "Accept: application/json\r\n"
                + ("POST".equals(method) || "PUT".equals(method) ? "Content-Length: 0\r\n" : "")
                + "Connection: close\r\n"
                + "\r\n";
    }

    private static void closeQuietly(SocketChannel ch) {
        try {
            ch.close();
        } catch (IOException e) {
            // closing to end a request that took too long; nothing more to do
        }
    }
}
