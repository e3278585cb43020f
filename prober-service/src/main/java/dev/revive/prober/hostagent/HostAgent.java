package dev.revive.prober.hostagent;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.revive.common.contract.HostMetrics;
import dev.revive.prober.ProberRuntime;
import dev.revive.prober.config.ProberConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;

/**
 * Host-agent mode, on the web server itself: every interval, count TCP connection states per configured local port
 * from /proc/net/tcp and tcp6, publish them as HostMetrics on {@code revive.metrics} (key = the configured target)
 * and, when enabled, to CloudWatch. Reading and CloudWatch calls run on a worker thread, never an event loop.
 */
@ApplicationScoped
public class HostAgent {

    private static final Logger LOG = Logger.getLogger(HostAgent.class);

    @Inject
    ProberConfig config;

    @Inject
    ProberRuntime runtime;

    @Inject
    Vertx vertx;

    private long timer = -1;
    private CloudWatchPublisher cloudWatch;
    private String instanceId;
    private String host;
    private volatile HostMetrics last;

    void start(@Observes @jakarta.annotation.Priority(jakarta.interceptor.Interceptor.Priority.LIBRARY_AFTER + 10) StartupEvent e) {
        ProberConfig.HostAgent cfg = config.hostAgent();
        if (!cfg.enabled()) {
            return;
        }
        String target = cfg.targetId().orElseThrow(() -> new IllegalStateException(
                "host-agent mode needs revive.prober.host-agent.target-id (REVIVE_PROBER_HOST_AGENT_TARGET_ID)"));
        host = hostName();
        ProberConfig.CloudWatch cw = cfg.cloudwatch();
        instanceId = cw.instanceId().orElse(null);
        if (cw.enabled()) {
            if (instanceId == null) {
                instanceId = InstanceMetadata.instanceId(System.getenv().getOrDefault("AWS_EC2_METADATA_SERVICE_ENDPOINT",
                        "http://169.254.169.254"));
            }
            var b = CloudWatchClient.builder().httpClient(UrlConnectionHttpClient.create());
            cw.region().ifPresent(r -> b.region(Region.of(r)));
            cw.endpoint().ifPresent(u -> b.endpointOverride(URI.create(u)));
            cloudWatch = new CloudWatchPublisher(b.build(), cw.namespace(), cw.batchSize());
        }
        Set<Integer> ports = new LinkedHashSet<>(cfg.ports());
        timer = vertx.setPeriodic(1, cfg.intervalMs(), id -> vertx.executeBlocking(() -> {
            sample(target, ports, cfg.procFiles());
            return null;
        }, false));
        LOG.infof("host agent for %s: ports %s every %d ms, CloudWatch %s", target, ports, cfg.intervalMs(),
                cloudWatch == null ? "off" : "on (" + cw.namespace() + ", InstanceId " + instanceId + ")");
    }

    void stop(@Observes ShutdownEvent e) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        if (cloudWatch != null) {
            cloudWatch.close();
        }
    }

    public HostMetrics last() {
        return last;
    }

    private void sample(String target, Set<Integer> ports, List<String> files) {
        try {
            HostMetrics m = read(target, host, instanceId, ports, files);
            last = m;
            runtime.publisher().metrics(m);
            if (cloudWatch != null) {
                cloudWatch.publish(m, instanceId == null ? host : instanceId);
            }
        } catch (RuntimeException ex) {
            LOG.warnf("host agent sample failed: %s", ex.getMessage());
        }
    }

    /** One sample from the given proc files (a missing file, e.g. tcp6 without IPv6, counts as empty). */
    public static HostMetrics read(String target, String host, String instanceId, Set<Integer> ports, List<String> files) {
        List<String> lines = new ArrayList<>();
        for (String f : files) {
            try {
                lines.addAll(Files.readAllLines(Path.of(f)));
            } catch (IOException ex) {
                // no such file: nothing to count
            }
        }
        ProcNetTcp.Counts c = ProcNetTcp.count(lines, ports);
        List<HostMetrics.PortStates> ps = new ArrayList<>();
        c.byPort().forEach((port, states) -> ps.add(new HostMetrics.PortStates(port, new HashMap<>(states))));
        return new HostMetrics(UUID.randomUUID().toString(), target, host, instanceId, Instant.now(), ps);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "unknown";
        }
    }

}
