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

    /** Probes may connect to loopback addresses (127/8, ::1): the local stack's demo; never in production. */
    @WithDefault("false")
    boolean allowLoopback();

    /** Probes may connect to private addresses (10/8, 172.16/12, 192.168/16, 100.64/10, fc00::/7). */
    @WithDefault("false")
    boolean allowPrivate();

    /** Most drift-delta bytes a result carries, whatever a target's maxDeltaBytes asks for. */
    @WithDefault("4096")
    int maxDriftDeltaBytes();

    /** Longest a bodyRegex match may run on one body (on a worker thread) before it is stopped (INVALID_PATTERN). */
    @WithDefault("1000")
    long bodyPatternBudgetMs();

    Watchdog watchdog();

    Targets targets();

    interface Watchdog {
        /** A probe in flight this long past its timeout, or an event loop this long without running a task: stalled. */
        @WithDefault("10000")
        long slackMs();

        @WithDefault("1000")
        long checkIntervalMs();
    }

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
