package dev.revive.testkit;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * moto, the stateful AWS emulator (EC2, SSM, SES v2, SNS, CloudWatch, Route 53), in server mode on a free loopback
 * port, one per test JVM, run with {@code chroot} in the Debian trixie root that
 * {@code deploy/aws-emulator/make-root} builds ({@code REVIVE_MOTO_ROOT}, default {@code /var/cache/revive/moto-root}).
 * No AWS account is ever reached. A test that needs it calls {@link #available()} first and skips with
 * {@link #why()} when it is false; with {@code REVIVE_REQUIRE_MOTO=1} (CI) a missing root fails instead.
 */
public final class RealMoto {

    public static final String DEFAULT_ROOT = "/var/cache/revive/moto-root";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static Process process;
    private static URI endpoint;

    private RealMoto() {
    }

    public static Path root() {
        String r = System.getenv("REVIVE_MOTO_ROOT");
        return Path.of(r == null || r.isBlank() ? DEFAULT_ROOT : r);
    }

    /** True when the emulator's root is built; false (skip) when not, unless REVIVE_REQUIRE_MOTO=1, which throws. */
    public static boolean available() {
        boolean ok = Files.exists(root().resolve(".revive-moto-ready"));
        if (!ok && "1".equals(System.getenv("REVIVE_REQUIRE_MOTO"))) {
            throw new IllegalStateException(why() + " (REVIVE_REQUIRE_MOTO=1)");
        }
        return ok;
    }

    public static String why() {
        return "no moto root at " + root() + ": run deploy/aws-emulator/make-root (as root) to build it";
    }

    /** The emulator's endpoint, started on first call and stopped when the JVM exits. */
    public static synchronized URI endpoint() {
        if (endpoint == null) {
            if (!available()) {
                throw new IllegalStateException(why());
            }
            long t0 = System.nanoTime();
            int port = freePort();
            try {
                Path log = Files.createTempFile("revive-moto-", ".log");
                process = new ProcessBuilder("chroot", root().toString(), "python3", "-m", "moto.server",
                        "-H", "127.0.0.1", "-p", Integer.toString(port))
                        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
                Runtime.getRuntime().addShutdownHook(new Thread(RealMoto::stop));
                URI uri = URI.create("http://127.0.0.1:" + port);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (!answers(uri)) {
                    if (!process.isAlive() || System.nanoTime() > deadline) {
                        String out = Files.readString(log);
                        stop();
                        throw new IllegalStateException("moto did not start on port " + port + ": " + out);
                    }
                    Thread.sleep(100);
                }
                endpoint = uri;
                System.out.printf("[revive-testkit] moto at %s from %s, ready in %d ms (log %s)%n", uri, root(),
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0), log);
            } catch (IOException e) {
                throw new IllegalStateException("cannot start moto", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return endpoint;
    }

    /** Forgets every emulated resource (moto's /moto-api/reset), so each test starts from an empty account. */
    public static void reset() {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(endpoint().resolve("/moto-api/reset"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("moto reset answered " + r.statusCode() + ": " + r.body());
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot reset moto", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** GETs a moto-api path (e.g. {@code /moto-api/data.json}) and returns the body. */
    public static String get(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(endpoint().resolve(path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + path + " from moto", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static synchronized void stop() {
        if (process != null) {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
            endpoint = null;
        }
    }

    private static boolean answers(URI uri) {
        try {
            return HTTP.send(HttpRequest.newBuilder(uri.resolve("/moto-api/data.json")).timeout(Duration.ofSeconds(2))
                    .GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
