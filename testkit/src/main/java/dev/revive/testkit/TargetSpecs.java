package dev.revive.testkit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.revive.common.contract.TargetSpec;
import dev.revive.common.contract.TargetSpec.AwsInstance;
import dev.revive.common.contract.TargetSpec.Detection;
import dev.revive.common.contract.TargetSpec.Drift;
import dev.revive.common.contract.TargetSpec.LadderStep;
import dev.revive.common.contract.TargetSpec.NotificationRoute;
import dev.revive.common.contract.TargetSpec.Probe;
import dev.revive.common.contract.TargetSpec.ProbeKind;
import dev.revive.common.contract.TargetSpec.RecoveryPlan;

/**
 * Builders for target specs in tests: name what the test is about, leave the rest to the contract's defaults
 * (a {@code null} in the record), instead of rows of positional {@code null, null, null, null}.
 *
 * <pre>{@code
 * TargetSpec spec = TargetSpecs.http("web-1", "http://127.0.0.1:8080/health")
 *         .interval(1000).threshold(2, 1)
 *         .step("exec", Map.of("command", "restart-demo"))
 *         .build();
 * }</pre>
 */
public final class TargetSpecs {

    private TargetSpecs() {
    }

    public static Builder http(String id, String url) {
        return new Builder(id).probe(ProbeBuilder.http(url).build());
    }

    public static Builder tcp(String id, String host, int port) {
        return new Builder(id).probe(ProbeBuilder.tcp(host, port).build());
    }

    public static Builder of(String id) {
        return new Builder(id);
    }

    /** A target spec, field by field; unset fields stay {@code null} (the contract's default). */
    public static final class Builder {
        private final String id;
        private String name;
        private final List<String> tags = new ArrayList<>();
        private Probe probe;
        private final List<String> locations = new ArrayList<>();
        private Detection detection;
        private Long graceSeconds;
        private Long verifySeconds;
        private Long resetWindowSeconds;
        private Integer actionBudgetPerDay;
        private final List<LadderStep> steps = new ArrayList<>();
        private boolean recoverySet;
        private final List<NotificationRoute> notifications = new ArrayList<>();
        private AwsInstance aws;
        private TargetSpec.Drill drill;
        private TargetSpec.StatusPage statusPage;

        Builder(String id) {
            this.id = id;
        }

        public Builder name(String v) {
            name = v;
            return this;
        }

        public Builder tags(String... v) {
            tags.addAll(List.of(v));
            return this;
        }

        public Builder probe(Probe v) {
            probe = v;
            return this;
        }

        /** Changes the probe's interval (ms), keeping the rest of it. */
        public Builder interval(long ms) {
            probe = ProbeBuilder.from(probe).interval(ms).build();
            return this;
        }

        public Builder locations(String... v) {
            locations.addAll(List.of(v));
            return this;
        }

        public Builder detection(Detection v) {
            detection = v;
            return this;
        }

        /** Failures to go DOWN and successes to come back UP. */
        public Builder threshold(int failures, int recoveries) {
            detection = new Detection(failures, recoveries, null, null, null, null, null, null);
            return this;
        }

        public Builder grace(long seconds) {
            graceSeconds = seconds;
            recoverySet = true;
            return this;
        }

        public Builder verify(long seconds) {
            verifySeconds = seconds;
            recoverySet = true;
            return this;
        }

        public Builder resetWindow(long seconds) {
            resetWindowSeconds = seconds;
            recoverySet = true;
            return this;
        }

        public Builder budget(int actionsPerDay) {
            actionBudgetPerDay = actionsPerDay;
            recoverySet = true;
            return this;
        }

        public Builder step(String action, Map<String, String> params) {
            steps.add(new LadderStep(action, params));
            recoverySet = true;
            return this;
        }

        public Builder notify(dev.revive.common.contract.Channel channel, String to) {
            notifications.add(new NotificationRoute(channel, to, null));
            return this;
        }

        public Builder aws(AwsInstance v) {
            aws = v;
            return this;
        }

        public Builder drillStop(String action, Map<String, String> params) {
            drill = new TargetSpec.Drill(new LadderStep(action, params));
            return this;
        }

        public Builder statusPage(String group, String displayName) {
            statusPage = new TargetSpec.StatusPage(true, group, displayName);
            return this;
        }

        public TargetSpec build() {
            RecoveryPlan recovery = recoverySet
                    ? new RecoveryPlan(graceSeconds, verifySeconds, resetWindowSeconds, actionBudgetPerDay, steps)
                    : null;
            return new TargetSpec(id, name, tags, probe, locations, detection, recovery, notifications, aws, drill, statusPage);
        }
    }

    /** A probe, field by field. */
    public static final class ProbeBuilder {
        private ProbeKind kind;
        private String url;
        private String host;
        private Integer port;
        private Long intervalMs;
        private Long timeoutMs;
        private String method;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private List<String> expectedStatus;
        private Boolean followRedirects;
        private String bodyMustContain;
        private String bodyMustNotContain;
        private String bodyRegex;
        private Boolean keepAlive;
        private Drift drift;
        private Long retryIntervalMs;

        public static ProbeBuilder http(String url) {
            ProbeBuilder b = new ProbeBuilder();
            b.kind = ProbeKind.HTTP;
            b.url = url;
            return b;
        }

        public static ProbeBuilder tcp(String host, int port) {
            ProbeBuilder b = new ProbeBuilder();
            b.kind = ProbeKind.TCP;
            b.host = host;
            b.port = port;
            return b;
        }

        public static ProbeBuilder drift(String url, Drift drift) {
            ProbeBuilder b = http(url);
            b.kind = ProbeKind.CONTENT_DRIFT;
            b.drift = drift;
            return b;
        }

        static ProbeBuilder from(Probe p) {
            ProbeBuilder b = new ProbeBuilder();
            if (p != null) {
                b.kind = p.kind();
                b.url = p.url();
                b.host = p.host();
                b.port = p.port();
                b.intervalMs = p.intervalMs();
                b.timeoutMs = p.timeoutMs();
                b.method = p.method();
                b.headers.putAll(p.headers());
                b.expectedStatus = p.expectedStatus();
                b.followRedirects = p.followRedirects();
                b.bodyMustContain = p.bodyMustContain();
                b.bodyMustNotContain = p.bodyMustNotContain();
                b.bodyRegex = p.bodyRegex();
                b.keepAlive = p.keepAlive();
                b.drift = p.drift();
                b.retryIntervalMs = p.retryIntervalMs();
            }
            return b;
        }

        public ProbeBuilder interval(long ms) {
            intervalMs = ms;
            return this;
        }

        /** The retry interval after a failed probe (null: the default one). */
        public ProbeBuilder retry(Long ms) {
            retryIntervalMs = ms;
            return this;
        }

        public ProbeBuilder timeout(long ms) {
            timeoutMs = ms;
            return this;
        }

        public ProbeBuilder method(String v) {
            method = v;
            return this;
        }

        public ProbeBuilder header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        public ProbeBuilder expectStatus(String... ranges) {
            expectedStatus = List.of(ranges);
            return this;
        }

        public ProbeBuilder followRedirects(boolean v) {
            followRedirects = v;
            return this;
        }

        public ProbeBuilder mustContain(String v) {
            bodyMustContain = v;
            return this;
        }

        public ProbeBuilder mustNotContain(String v) {
            bodyMustNotContain = v;
            return this;
        }

        public ProbeBuilder regex(String v) {
            bodyRegex = v;
            return this;
        }

        public ProbeBuilder keepAlive(boolean v) {
            keepAlive = v;
            return this;
        }

        public Probe build() {
            return new Probe(kind, url, host, port, intervalMs, timeoutMs, method, headers, expectedStatus,
                    followRedirects, bodyMustContain, bodyMustNotContain, bodyRegex, keepAlive, drift, retryIntervalMs);
        }
    }
}
