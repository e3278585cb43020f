package dev.revive.prober.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.revive.common.contract.TargetSpec.Probe;
import dev.revive.prober.probe.HttpProber;
import dev.revive.prober.probe.ProbeOptions;
import dev.revive.prober.probe.ProbeOutcome;
import dev.revive.prober.probe.Probes;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;

/**
 * Prints figures of the probe engine (not a timed test: nothing here asserts a speed). Run it alone:
 * {@code ./mvnw -B -o -pl prober-service test -Pbench}. The web server ({@link BenchServer}: raw Netty, one prebuilt
 * response) runs in a child JVM on 127.0.0.1, so the process CPU time read here is the prober's: probe engine, the
 * open-loop driver, JIT, GC and every other thread of this JVM (Kafka publishing is not included), divided by the
 * probes completed in the run, split into user and system time from /proc (10 ms ticks, so the split is coarse); the
 * CPU this JVM burns with no probe at all is printed once, the server's CPU per probe and the load average after each
 * run. The prober's Vert.x uses the native (epoll) transport like the service; {@code -Dbench.transport=nio} for NIO.
 */
@Tag("bench")
class ProbeBenchmarkTest {

    private static final int TARGETS = 1_000;
    private static final int PORTS = 8;

    private static Process server;
    private static String serverTransport;
    private static int basePort;
    private static Vertx vertx;
    private static HttpProber prober;
    private static Probe[] fresh;
    private static Probe[] keep;

    @BeforeAll
    static void start() throws Exception {
        basePort = freeRange(PORTS);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        server = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"), BenchServer.class.getName(),
                Integer.toString(basePort), Integer.toString(PORTS)).redirectErrorStream(true).start();
        var out = new BufferedReader(new InputStreamReader(server.getInputStream()));
        String line;
        while ((line = out.readLine()) != null && !line.startsWith("READY")) {
            System.out.println("[bench-server] " + line);
        }
        serverTransport = line;
        // As in the service (quarkus.vertx.prefer-native-transport=true) unless -Dbench.transport=nio.
        vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(!"nio".equals(System.getProperty("bench.transport"))));
        prober = new HttpProber(vertx, ProbeOptions.defaults().withAddresses(dev.revive.prober.probe.Probes.LOCAL));
        fresh = new Probe[TARGETS];
        keep = new Probe[TARGETS];
        for (int i = 0; i < TARGETS; i++) {
            String url = "http://127.0.0.1:" + (basePort + i % PORTS) + "/t/" + i;
            fresh[i] = Probes.http(url, 5_000, 1_000);
            keep[i] = Probes.withKeepAlive(fresh[i], true);
        }
    }

    @AfterAll
    static void stop() {
        prober.close();
        vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
        server.destroy();
    }

    private static int freeRange(int n) throws Exception {
        // Above the 20000-29000 range used by the local stack's drills, below the kernel's ephemeral ports (32768-).
        for (int base = 30_100; base < 32_000; base += n) {
            boolean ok = true;
            for (int i = 0; i < n && ok; i++) {
                try (ServerSocket s = new ServerSocket(base + i, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
                    ok = true;
                } catch (Exception e) {
                    ok = false;
                }
            }
            if (ok) {
                return base;
            }
        }
        throw new IllegalStateException("no free port range");
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** User and system CPU ticks (1/100 s) of a process, from /proc (Linux). */
    private static long[] userSysTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return new long[] {Long.parseLong(f[11]), Long.parseLong(f[12])};
        } catch (Exception e) {
            return new long[] {0, 0};
        }
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (Exception e) {
            return "?";
        }
    }

    /** Figures of one open-loop run at a fixed rate; server CPU is the child JVM's. */
    record Run(String name, int rate, long issued, long completed, long failed, double seconds, double cpuMsPerProbe,
            double userMs, double sysMs, double serverMs, long p50, long p99, String load, String failures, long timeWait) {
        void print() {
            System.out.printf("[bench] %-24s rate %5d/s: %6d of %6d done (%.0f/s), %5d failed %s, CPU %.3f ms/probe (user %.3f, "
                    + "sys %.3f; server %.3f), p50 %.2f ms, p99 %.2f ms, TIME_WAIT %d, load %s%n", name, rate, completed, issued,
                    completed / seconds, failed, failures, cpuMsPerProbe, userMs, sysMs, serverMs, p50 / 1000.0, p99 / 1000.0,
                    timeWait, load);
        }
    }

    /** TCP sockets in TIME_WAIT on this machine, from /proc/net/sockstat. */
    private static long timeWait() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/net/sockstat"))) {
                if (l.startsWith("TCP:")) {
                    String[] f = l.split(" ");
                    for (int i = 0; i < f.length - 1; i++) {
                        if (f[i].equals("tw")) {
                            return Long.parseLong(f[i + 1]);
                        }
                    }
                }
            }
        } catch (Exception e) {
            // not Linux
        }
        return -1;
    }

    /** Issues {@code rate} probes per second for {@code seconds}, round-robin over the targets, then waits for all. */
    private static Run openLoop(String name, Probe[] probes, int rate, int seconds) throws Exception {
        long total = (long) rate * seconds;
        long[] durations = new long[(int) total];
        AtomicLong done = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        java.util.Map<String, AtomicLong> byClass = new java.util.concurrent.ConcurrentSkipListMap<>();
        AtomicLong issued = new AtomicLong();
        CountDownLatch all = new CountDownLatch((int) total);
        long cpu0 = cpuNanos();
        long[] own0 = userSysTicks(ProcessHandle.current().pid());
        long[] srv0 = userSysTicks(server.pid());
        long t0 = System.nanoTime();
        // A 1 ms tick issues whatever the schedule says is due, so the rate holds even when ticks come late.
        long timer = vertx.setPeriodic(1, id -> {
            long due = Math.min(total, (System.nanoTime() - t0) * rate / 1_000_000_000L);
            while (issued.get() < due) {
                int n = (int) issued.getAndIncrement();
                prober.probe(probes[n % probes.length], false).onComplete(ar -> {
                    ProbeOutcome o = ar.result();
                    durations[n] = o.durationMicros();
                    if (!o.up()) {
                        failed.incrementAndGet();
                        byClass.computeIfAbsent(o.errorClass().name(), k -> new AtomicLong()).incrementAndGet();
                    }
                    done.incrementAndGet();
                    all.countDown();
                });
            }
        });
        all.await(seconds + 60L, TimeUnit.SECONDS);
        vertx.cancelTimer(timer);
        double secs = (System.nanoTime() - t0) / 1e9;
        long cpu = cpuNanos() - cpu0;
        long[] own = userSysTicks(ProcessHandle.current().pid());
        long[] srv = userSysTicks(server.pid());
        double n = Math.max(1, done.get());
        long[] d = Arrays.copyOf(durations, (int) done.get());
        Arrays.sort(d);
        return new Run(name, rate, issued.get(), done.get(), failed.get(), secs, cpu / 1e6 / n, (own[0] - own0[0]) * 10 / n,
                (own[1] - own0[1]) * 10 / n, (srv[0] + srv[1] - srv0[0] - srv0[1]) * 10 / n,
                d.length == 0 ? 0 : d[d.length / 2], d.length == 0 ? 0 : d[(int) (d.length * 0.99)], load(),
                byClass.isEmpty() ? "" : byClass.toString(), timeWait());
    }

    @Test
    void prints_cpu_per_probe_throughput_and_latency() throws Exception {
        System.out.printf("[bench] %d targets on %d loopback ports, %d cores, JDK %s; prober transport %s; server (child JVM, raw "
                + "Netty, prebuilt response): %s; load %s%n", TARGETS, PORTS, Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), vertx.isNativeTransportEnabled() ? "epoll" : "nio", serverTransport, load());
        // Long enough for the JIT of both JVMs on a busy 2-core box: cold, the first seconds queue up.
        openLoop("warm-up fresh", fresh, 1_000, 15).print();
        openLoop("warm-up keep-alive", keep, 1_000, 5).print();
        openLoop("warm-up fresh", fresh, 4_000, 5).print();
        // What this JVM burns with no probe at all (JIT still compiling, GC, the 1 ms driver tick, Vert.x timers):
        // the gross CPU per probe below includes it, so at low rates it weighs more per probe.
        double idleMsPerSecond = idleCpuMsPerSecond(5);
        String idleLoad = load();
        List<Run> runs = new ArrayList<>();
        runs.add(openLoop("CPU/latency fresh conn", fresh, 1_000, 10));
        runs.add(openLoop("CPU/latency keep-alive", keep, 1_000, 10));
        for (int rate : new int[] {2_000, 4_000, 5_000, 6_000, 7_000, 8_000}) {
            runs.add(openLoop("sustained? fresh conn", fresh, rate, 8));
        }
        for (int rate : new int[] {5_000, 10_000, 15_000}) {
            runs.add(openLoop("sustained? keep-alive", keep, rate, 5));
        }
        System.out.printf("[bench] idle: %.1f ms CPU per second with no probe (load %s)%n", idleMsPerSecond, idleLoad);
        runs.forEach(Run::print);
    }

    /** CPU ms per second of this JVM while the driver ticks and nothing is probed. */
    private static double idleCpuMsPerSecond(int seconds) throws Exception {
        long timer = vertx.setPeriodic(1, id -> { });
        long cpu0 = cpuNanos();
        long t0 = System.nanoTime();
        CountDownLatch window = new CountDownLatch(1);
        vertx.setTimer(seconds * 1_000L, id -> window.countDown()); // the measuring window, like openLoop's schedule
        window.await(seconds + 60L, TimeUnit.SECONDS);
        double ms = (cpuNanos() - cpu0) / 1e6;
        double secs = (System.nanoTime() - t0) / 1e9;
        vertx.cancelTimer(timer);
        return ms / secs;
    }
}
