package dev.revive.prober.config;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The prober's settings ({@code revive.prober.*}); each is overridable by its env var, e.g. REVIVE_PROBER_LOCATION. */
@ConfigMapping(prefix = "revive.prober")
public interface ProberConfig {

    /** Location label; the consumer group is {@code revive-prober-<location>}. */
    @WithDefault("local")
    String location();

    /** This instance's id in results; defaults to host name and process id. */
    Optional<String> instanceId();

    /** Most probes in flight at once across all targets. */
    @WithDefault("4096")
    int maxInFlight();

    /** Relative jitter of each interval (0.1 = ±10%). */
    @WithDefault("0.1")
    double jitter();

    /** Most body bytes kept for body checks and drift. */
    @WithDefault("1048576")
    int maxBodyBytes();

    /** Connection pool size per host:port. */
    @WithDefault("1024")
    int maxConnectionsPerHost();

    @WithDefault("Revive-Prober/0.1")
    String userAgent();

    /** PEM files trusted besides the JDK's CAs. */
    Optional<List<String>> extraTrustedCerts();

    Targets targets();

    HostAgent hostAgent();

    interface Targets {
        /** Consume revive.targets and probe the assigned targets (off only for a pure host agent). */
        @WithDefault("true")
        boolean enabled();

        /** A crashed instance's targets move after this long; a stopped one's at once. */
        @WithDefault("6000")
        int sessionTimeoutMs();

        @WithDefault("1000")
        int heartbeatIntervalMs();
    }

    interface HostAgent {
        @WithDefault("false")
        boolean enabled();

        /** The target this host serves: the key of its HostMetrics. */
        Optional<String> targetId();

        @WithDefault("80,443")
        List<Integer> ports();

        @WithDefault("10000")
        long intervalMs();

        @WithDefault("/proc/net/tcp,/proc/net/tcp6")
        List<String> procFiles();

        CloudWatch cloudwatch();
    }

    interface CloudWatch {
        @WithDefault("false")
        boolean enabled();

        @WithDefault("Revive/Host")
        String namespace();

        Optional<String> region();

        /** Endpoint override (tests, VPC endpoints). */
        Optional<String> endpoint();

        /** InstanceId dimension; when absent it is read from the instance metadata service. */
        Optional<String> instanceId();

        /** Metric data per PutMetricData call. */
        @WithDefault("500")
        int batchSize();
    }
}
