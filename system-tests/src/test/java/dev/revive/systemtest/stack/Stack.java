package dev.revive.systemtest.stack;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import dev.revive.common.topic.TopicProvisioner;
import dev.revive.launcher.KafkaLauncher;
import dev.revive.launcher.MailSink;
import dev.revive.launcher.PostgresLauncher;

/**
 * Revive's whole stack on this machine, started by a test: a real Kafka broker (KRaft) and a real PostgreSQL from
 * the launchers, the mailbox (a real SMTP server writing {@code .eml} files), the demo web server, and the four
 * services as child processes from their built {@code quarkus-app}. All on loopback, on free ports, in a folder of
 * its own under {@code system-tests/target/stacks/}. {@link #close()} stops everything it started and checks that
 * nothing listens on its ports any more; a {@link Reaper} does the same if the test JVM dies.
 */
public final class Stack implements AutoCloseable {

    private static final Duration SERVICE_READY = Duration.ofSeconds(240);
    private static final Duration INFRA_READY = Duration.ofSeconds(180);

    private final Path repo;
    private final StackDirs dirs;
    private final StackConfig config;
    private final PolicyApi api;
    private final Mailbox mailbox;
    private final ActuatorLedger ledger;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private final Map<Service, ChildProcess> services = new EnumMap<>(Service.class);
    private ChildProcess reaper;
    private ChildProcess kafka;
    private ChildProcess postgres;
    private ChildProcess mail;

    private Stack(Path repo, boolean fullJit) {
        this.repo = repo;
        this.dirs = StackDirs.create(repo.resolve("system-tests").resolve("target").resolve("stacks"));
        this.config = new StackConfig(repo, dirs, fullJit);
        this.api = new PolicyApi(config.policyUrl(), config.adminApiKey());
        this.mailbox = new Mailbox(dirs.mail());
        this.ledger = new ActuatorLedger(config.jdbcUrl(Service.ACTUATOR));
    }

    /** Starts the stack with the demo target registered as {@code target} and UP. */
    public static Stack start(DemoTarget target, boolean fullJit) {
        Path repo = Path.of(System.getProperty("revive.repo.dir", "..")).toAbsolutePath().normalize();
        for (Service s : Service.values()) {
            if (!Files.isRegularFile(s.runJar(repo))) {
                throw new IllegalStateException(s.runJar(repo) + " is missing: build the services first "
                        + "(./mvnw -B verify -pl system-tests -am does)");
            }
        }
        Stack stack = new Stack(repo, fullJit);
        try {
            stack.startAll(target);
            return stack;
        } catch (RuntimeException | Error e) {
            stack.close();
            throw e;
        }
    }

    private void startAll(DemoTarget target) {
        long t0 = System.nanoTime();
        log("stack in " + dirs.root() + " (Kafka " + config.kafkaBootstrap() + ", PostgreSQL " + config.postgresPort()
                + ", SMTP " + config.smtpPort() + ", demo " + config.demoPort() + ", policy " + config.policyUrl() + ")");
        reaper = ChildProcess.start("reaper", config.reaper(), config.baseEnvironment(), dirs);
        reaper.awaitLine(Reaper.READY, INFRA_READY);
        startKafka();
        startPostgres();
        mail = ChildProcess.start("mail", config.launcher(MailSink.class.getName(), "-Xmx128m", "--port",
                Integer.toString(config.smtpPort()), "--dir", dirs.mail().toString()), config.baseEnvironment(), dirs);
        startDemo();
        mail.awaitLine(MailSink.READY, INFRA_READY);
        awaitKafka();
        awaitPostgres();
        TopicProvisioner.createMissing(config.kafkaBootstrap(), (short) 1);
        // For a look at a kept stack's API (curl -H "Authorization: Bearer $(cat .../admin-api-key)").
        write(dirs.root().resolve("admin-api-key"), config.adminApiKey());
        for (Service s : Service.values()) {
            services.put(s, ChildProcess.start(s.id(), config.command(s), config.environment(s), dirs));
        }
        for (Service s : Service.values()) {
            awaitReady(s);
        }
        register(target);
        awaitSteady();
        log("stack up in " + Duration.ofNanos(System.nanoTime() - t0).toSeconds() + " s");
    }

    // --- the services ------------------------------------------------------------------------------------------

    /** kill -9 of one service (and any child it runs). */
    public void kill9(Service s) {
        ChildProcess p = services.get(s);
        log("kill -9 " + s.id() + " (pid " + p.pid() + ")");
        p.kill9();
    }

    /** Starts a service that is not running and waits until it is ready. */
    public void restart(Service s) {
        ChildProcess old = services.get(s);
        if (old != null && old.alive()) {
            throw new IllegalStateException(s.id() + " is still running");
        }
        services.put(s, ChildProcess.start(s.id(), config.command(s), config.environment(s), dirs));
        awaitReady(s);
        log(s.id() + " restarted (pid " + services.get(s).pid() + ")");
    }

    private void awaitReady(Service s) {
        ChildProcess p = services.get(s);
        URI ready = URI.create(config.serviceUrl(s) + "/q/health/ready");
        await(s.id() + " ready").atMost(SERVICE_READY).pollInterval(Duration.ofMillis(250)).until(() -> {
            if (!p.alive()) {
                throw new IllegalStateException(s.id() + " exited while starting:\n" + ChildProcess.tail(p.log()));
            }
            try {
                return http.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            }
        });
    }

    // --- the broker and the database -------------------------------------------------------------------------

    private void startKafka() {
        kafka = ChildProcess.start("kafka", config.launcher(KafkaLauncher.class.getName(), "-Xmx512m", "--data-dir",
                dirs.data().resolve("kafka").toString(), "--host", StackConfig.HOST, "--port",
                Integer.toString(config.kafkaPort()), "--controller-port", Integer.toString(config.kafkaControllerPort()),
                "--exit-on-stdin-eof"), config.baseEnvironment(), dirs);
    }

    private void awaitKafka() {
        kafka.awaitLine(KafkaLauncher.READY, INFRA_READY);
    }

    private void startPostgres() {
        postgres = ChildProcess.start("postgres", config.launcher(PostgresLauncher.class.getName(), "-Xmx128m",
                "--data-dir", dirs.data().resolve("postgres").toString(), "--port", Integer.toString(config.postgresPort()),
                "--databases", "revive_policy,revive_actuator,revive_notifier", "--exit-on-stdin-eof"), config.baseEnvironment(), dirs);
    }

    private void awaitPostgres() {
        postgres.awaitLine(PostgresLauncher.READY, INFRA_READY);
        // The postmaster is not a descendant of the launcher once pg_ctl has daemonized it: listed for the reaper.
        postmaster().ifPresent(pid -> write(dirs.pids().resolve("postmaster.pid"), Long.toString(pid)));
    }

    /** Stops the broker (SIGTERM, or SIGKILL when {@code kill}) and starts it again on the same data and ports. */
    public void restartKafka(boolean kill) {
        log((kill ? "SIGKILL" : "SIGTERM") + " kafka (pid " + kafka.pid() + ")");
        if (kill) {
            kafka.kill9();
        } else {
            kafka.stop(Duration.ofSeconds(60));
        }
        awaitPortFree(config.kafkaPort());
        startKafka();
        awaitKafka();
        log("kafka restarted");
    }

    /** Stops PostgreSQL (SIGTERM of the launcher, or SIGKILL of it and of the postmaster) and starts it again. */
    public void restartPostgres(boolean kill) {
        Optional<Long> postmaster = postmaster();
        log((kill ? "SIGKILL" : "SIGTERM") + " postgres (launcher pid " + postgres.pid() + ", postmaster " + postmaster + ")");
        if (kill) {
            postgres.kill9();
            postmaster.flatMap(ProcessHandle::of).ifPresent(ProcessHandle::destroyForcibly);
        } else {
            postgres.stop(Duration.ofSeconds(60));
        }
        postmaster.flatMap(ProcessHandle::of).ifPresent(p -> p.onExit().join());
        awaitPortFree(config.postgresPort());
        startPostgres();
        awaitPostgres();
        log("postgres restarted");
    }

    private Optional<Long> postmaster() {
        Path pidFile = dirs.data().resolve("postgres").resolve("pgdata").resolve("postmaster.pid");
        try {
            return Files.exists(pidFile) ? Optional.of(Long.parseLong(Files.readAllLines(pidFile).get(0).trim()))
                    : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    // --- the demo target ---------------------------------------------------------------------------------------

    /** Registers (or replaces) the demo target with this spec. */
    public void register(DemoTarget target) {
        api.put("/targets/" + DemoTarget.ID, target.json(config.demoUrl()));
    }

    /**
     * Brings the stack back to the state a break/heal starts from, whatever the previous test left: every service
     * running, the demo answering, no open incident (one left open, e.g. by a run that ended NEEDS_HUMAN, is resolved
     * through the API, as an operator would). Says what it repaired.
     */
    public void ensureSteady() {
        for (Service s : Service.values()) {
            if (!services.get(s).alive()) {
                log("repair: " + s.id() + " is not running");
                restart(s);
            }
        }
        try {
            await("steady").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> demoAnswers() && api.steady(DemoTarget.ID));
            return;
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            log("repair: not steady after 60 s");
        }
        if (!demoAnswers()) {
            log("repair: starting the demo server");
            startDemo();
        }
        var open = api.get("/targets/" + DemoTarget.ID + "/status").path("openIncident");
        if (!open.isMissingNode() && !open.isNull()) {
            log("repair: resolving incident " + open.path("id").asText() + " (" + open.path("phase").asText() + ")");
            api.post("/incidents/" + open.path("id").asText() + "/resolve", "{\"reason\":\"system test repair\"}");
        }
        awaitSteady();
    }

    /** Waits until the demo answers and the policy sees it UP with no open incident. */
    public void awaitSteady() {
        await("demo target UP with no open incident").atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(200))
                .until(() -> demoAnswers() && api.steady(DemoTarget.ID));
    }

    public void startDemo() {
        try {
            log(DemoControl.start(dirs, config.demoPort()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** kill -9 of the demo web server, as {@code deploy/local/revive break} does; returns when it happened. */
    public Instant breakDemo() {
        try {
            Instant t0 = Instant.now();
            log(DemoControl.stop(dirs));
            return t0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean demoAnswers() {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(config.demoUrl() + "/health")).timeout(Duration.ofSeconds(1))
                    .build(), HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** How many times the demo server was started (by the stack and by the actuator's restart-demo). */
    public int demoStarts() {
        try {
            return DemoControl.starts(dirs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How many times the actuator ran the demo's restart-demo command. */
    public int restartCommands() {
        try {
            return DemoControl.restartCommands(dirs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public PolicyApi api() {
        return api;
    }

    public Mailbox mailbox() {
        return mailbox;
    }

    public ActuatorLedger ledger() {
        return ledger;
    }

    public StackConfig config() {
        return config;
    }

    public StackDirs dirs() {
        return dirs;
    }

    // --- stopping ----------------------------------------------------------------------------------------------

    /** Stops everything, services first; then fails if any of the stack's ports still has a listener. */
    @Override
    public void close() {
        List<CompletableFuture<Void>> stops = new ArrayList<>();
        services.values().forEach(p -> stops.add(CompletableFuture.runAsync(() -> p.stop(Duration.ofSeconds(20)))));
        stops.forEach(CompletableFuture::join);
        try {
            DemoControl.stop(dirs);
        } catch (IOException e) {
            log("demo stop: " + e);
        }
        Optional<Long> postmaster = postmaster();
        for (ChildProcess p : new ChildProcess[] {mail, postgres, kafka}) {
            if (p != null) {
                p.stop(Duration.ofSeconds(30));
            }
        }
        postmaster.flatMap(ProcessHandle::of).ifPresent(p -> {
            p.destroyForcibly();
            p.onExit().join();
        });
        if (reaper != null) {
            reaper.stop(Duration.ofSeconds(5));
        }
        List<Integer> busy = new ArrayList<>();
        for (int port : config.ports()) {
            try {
                awaitPortFree(port);
            } catch (RuntimeException e) {
                busy.add(port);
            }
        }
        // The broker's and database's files are large and worth nothing once stopped; logs and mail are kept.
        if (!Boolean.getBoolean("systemtests.keep")) {
            deleteTree(dirs.data());
        }
        log("stack stopped; logs and mail in " + dirs.root());
        if (!busy.isEmpty()) {
            throw new IllegalStateException("still listening after the stack was stopped: " + busy);
        }
    }

    private static void awaitPortFree(int port) {
        await("port " + port + " free").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> !listening(port));
    }

    static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(StackConfig.HOST, port), 300);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void deleteTree(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            log("cannot delete " + dir + ": " + e.getMessage());
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void log(String message) {
        System.out.printf("%s [stack] %s%n", Instant.now().toString().substring(11, 23), message);
        System.out.flush();
    }
}
