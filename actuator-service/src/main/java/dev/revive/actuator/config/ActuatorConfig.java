package dev.revive.actuator.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Everything the actuator reads from {@code revive.actuator.*}. */
@ConfigMapping(prefix = "revive.actuator")
public interface ActuatorConfig {

    /** {@code ce_source} of the results this instance publishes. */
    @WithDefault("/revive/actuator")
    String source();

    /** Longest an action may run; per-action overrides in {@link #actionTimeouts()}. */
    @WithDefault("PT10M")
    Duration actionTimeout();

    /** Per action wire name, e.g. {@code revive.actuator.action-timeouts."aws-reprovision"=PT30M}. */
    Map<String, Duration> actionTimeouts();

    /** How many commands (of different targets) may run at once on this instance. */
    @WithDefault("8")
    int maxConcurrentActions();

    /** Output kept in a result (and the ledger), in characters. */
    @WithDefault("4000")
    int maxOutputChars();

    Exec exec();

    Aws aws();

    Ssm ssm();

    Kubernetes kubernetes();

    Docker docker();

    interface Docker {
        /** The Docker engine's API socket (mounted into the actuator's container). */
        @WithDefault("/var/run/docker.sock")
        String socket();

        /** Engine API version the requests name (v1.41 = dockerd 20.10; newer engines serve it too). */
        @WithDefault("v1.41")
        String apiVersion();

        /** Container names that may be restarted. */
        Optional<List<String>> allowedNames();

        /** Labels that make a container restartable: {@code key=value}, or {@code key} for any value. */
        Optional<List<String>> allowedLabels();

        /** Seconds the engine waits for a container to stop before it kills it, unless the command says. */
        @WithDefault("10")
        int stopTimeoutSeconds();

        /** Longest one API call may take (a restart: this plus the stop timeout). */
        @WithDefault("PT30S")
        Duration requestTimeout();

        /** How long after the restart the container must be running with a new StartedAt. */
        @WithDefault("PT60S")
        Duration verifyWait();

        @WithDefault("PT0.5S")
        Duration pollInterval();
    }

    interface Kubernetes {
        @WithDefault("PT10M")
        Duration rolloutWait();

        @WithDefault("PT2S")
        Duration pollInterval();
    }

    interface Exec {
        /** Allow-listed local commands by name: an argv list, run without a shell. */
        Map<String, List<String>> commands();

        /** More commands, any name: a YAML or JSON file of name to argv or {argv, env, timeout, parameters}. */
        Optional<String> commandsFile();

        /** The same as a JSON value (env {@code REVIVE_EXEC_COMMANDS}). */
        Optional<String> commandsJson();

        /** {@code PATH} of the commands (they never see the actuator's environment). */
        @WithDefault(ExecEnvironmentDefaults.PATH)
        String path();

        /** Names of the actuator's environment variables passed on to every command (none by default). */
        Optional<List<String>> inheritEnv();

        /** Properties whose values are secrets, redacted from published output (with secret-named env variables). */
        @WithDefault("revive.signing.keys,quarkus.datasource.password,kafka.sasl.jaas.config,kafka.ssl.keystore.password,kafka.ssl.truststore.password,kafka.ssl.key.password")
        List<String> secretProperties();

        /** Working directory of the commands; the actuator's own when empty. */
        Optional<String> workingDirectory();

        @WithDefault("PT2M")
        Duration timeout();
    }

    interface Aws {
        /** Replaces the AWS endpoints (tests, VPC endpoints); the SDK's own per region when empty. */
        Optional<String> endpointOverride();

        /** Attempts per AWS call, first one included (the SDK's standard retry strategy, exponential backoff). */
        @WithDefault("5")
        int maxAttempts();

        @WithDefault("PT0.2S")
        Duration retryBaseDelay();

        @WithDefault("PT20S")
        Duration retryMaxDelay();

        /** Timeout of one HTTP attempt. */
        @WithDefault("PT30S")
        Duration attemptTimeout();

        /** How often waiters poll instance, image and command state. */
        @WithDefault("PT10S")
        Duration pollInterval();

        /** Pause after RebootInstances before status checks count (a reboot is not instantaneous). */
        @WithDefault("PT30S")
        Duration rebootSettle();

        /** Longest wait for status checks after a reboot or a launch. */
        @WithDefault("PT10M")
        Duration statusWait();

        /** Tag key searched on snapshots when {@code snapshotTag} has no {@code key=} part. */
        @WithDefault("revive:target")
        String snapshotTagKey();

        /** Where DR launches go: the original's subnet and groups do not exist in another region. */
        Dr dr();
    }

    interface Dr {
        Optional<String> subnetId();

        Optional<List<String>> securityGroupIds();

        Optional<String> keyName();

        /** Used when the original instance cannot be described (its region is down). */
        @WithDefault("t3.micro")
        String fallbackInstanceType();
    }

    interface Ssm {
        /** Named shell templates for AWS-RunShellScript, e.g. {@code restart-apache=service apache2 restart}. */
        Map<String, String> templates();

        /** Seconds SSM waits for the instance to start the command. */
        @WithDefault("600")
        int deliveryTimeoutSeconds();
    }
}
