package dev.revive.prober;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import dev.revive.common.contract.TargetSpec;
import dev.revive.prober.assignment.AssignmentSettings;
import dev.revive.prober.assignment.TargetAssignment;
import dev.revive.prober.assignment.TargetSink;
import dev.revive.prober.drift.Baselines;
import dev.revive.prober.drift.store.KafkaBaselines;
import dev.revive.prober.config.ProberConfig;
import dev.revive.prober.probe.AddressPolicy;
import dev.revive.prober.probe.HttpProber;
import dev.revive.prober.probe.ProbeOptions;
import dev.revive.prober.probe.TcpProber;
import dev.revive.prober.publish.EnvelopePublisher;
import dev.revive.prober.publish.KafkaProducers;
import dev.revive.prober.schedule.ProbeRunner;
import dev.revive.prober.schedule.ProbeScheduler;
import dev.revive.prober.schedule.ProbeWatchdog;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;

/** Wires the prober at start-up: probe engine, scheduler, publisher, and this instance's share of the targets. */
@ApplicationScoped
public class ProberRuntime {

    private static final Logger LOG = Logger.getLogger(ProberRuntime.class);

    @Inject
    Vertx vertx;

    @Inject
    ProberConfig config;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private String instanceId;
    private KafkaProducer<String, byte[]> producer;
    private HttpProber http;
    private TcpProber tcp;
    private EnvelopePublisher publisher;
    private ProbeScheduler scheduler;
    private ProbeRunner runner;
    private Baselines baselines;
    private TargetAssignment assignment;
    private ProbeWatchdog watchdog;

    @Inject
    MeterRegistry registry;

    void start(@Observes StartupEvent e) {
        instanceId = config.instanceId().filter(s -> !s.isBlank()).orElseGet(ProberRuntime::defaultInstanceId);
        producer = KafkaProducers.create(bootstrapServers, "revive-prober-" + instanceId);
        publisher = new EnvelopePublisher(producer, config.location(), instanceId);
        List<Path> trusted = config.extraTrustedCerts().orElse(List.of()).stream().map(Path::of).toList();
        AddressPolicy addresses = new AddressPolicy(config.allowLoopback(), config.allowPrivate());
        http = new HttpProber(vertx, new ProbeOptions(config.maxBodyBytes(), config.userAgent(), trusted,
                config.maxConnectionsPerHost(), addresses, config.bodyPatternBudgetMs()));
        tcp = new TcpProber(vertx, addresses);
        baselines = config.targets().enabled()
                ? new KafkaBaselines(bootstrapServers, config.location(), instanceId, producer).start()
                : Baselines.inMemory();
        runner = new ProbeRunner(http, tcp, config.location(), instanceId, baselines, config.maxDriftDeltaBytes());
        watchdog = new ProbeWatchdog(vertx, config.watchdog().slackMs(), config.watchdog().checkIntervalMs());
        scheduler = new ProbeScheduler(vertx, runner, publisher, config.maxInFlight(), config.jitter(), watchdog);
        registry.gauge("revive.prober.stalled.probes", watchdog, w -> w.status().stalledProbes());
        registry.gauge("revive.prober.stalled.loops", watchdog, w -> w.status().stalledLoops());
        registry.gauge("revive.prober.in.flight", scheduler, ProbeScheduler::inFlight);
        registry.more().counter("revive.prober.skipped.turns", List.of(), scheduler, ProbeScheduler::skippedTurns);
        if (config.targets().enabled()) {
            assignment = new TargetAssignment(new AssignmentSettings(bootstrapServers, config.location(), instanceId,
                    config.targets().sessionTimeoutMs(), config.targets().heartbeatIntervalMs()), new DroppingBaselines(scheduler),
                    producer);
            assignment.start();
        }
        LOG.infof("prober %s at location %s started (group revive-prober-%s)", instanceId, config.location(), config.location());
    }

    void stop(@Observes ShutdownEvent e) {
        if (assignment != null) {
            assignment.close();
        }
        if (watchdog != null) {
            watchdog.close();
        }
        if (scheduler != null) {
            scheduler.removeAll();
        }
        if (baselines != null) {
            baselines.close();
        }
        if (publisher != null) {
            publisher.close();
        }
        if (producer != null) {
            producer.close(java.time.Duration.ofSeconds(5));
        }
        if (http != null) {
            http.close();
            tcp.close();
        }
    }

    /** A target deleted (or no longer probed at this location) loses its stored drift baseline too. */
    private final class DroppingBaselines implements TargetSink {
        private final ProbeScheduler scheduler;

        DroppingBaselines(ProbeScheduler scheduler) {
            this.scheduler = scheduler;
        }

        @Override
        public void upsert(TargetSpec spec, int partition) {
            scheduler.upsert(spec, partition);
        }

        @Override
        public void remove(String targetId) {
            scheduler.remove(targetId);
            if (baselines.get(targetId) != null) {
                baselines.drop(targetId);
            }
        }

        @Override
        public void removePartition(int partition) {
            scheduler.removePartition(partition); // moved to another prober: the baseline stays for it
        }
    }

    static String defaultInstanceId() {
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isBlank()) {
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (Exception ex) {
                host = "prober";
            }
        }
        return host + "-" + ManagementFactory.getRuntimeMXBean().getPid();
    }

    public String instanceId() {
        return instanceId;
    }

    public String location() {
        return config.location();
    }

    public ProbeRunner runner() {
        return runner;
    }

    public ProbeWatchdog watchdog() {
        return watchdog;
    }

    public ProbeScheduler scheduler() {
        return scheduler;
    }

    public EnvelopePublisher publisher() {
        return publisher;
    }
}
