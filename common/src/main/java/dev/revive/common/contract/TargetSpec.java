package dev.revive.common.contract;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A watched target: what to probe, from where, when it counts as down, how to bring it back and whom to tell.
 * Published on {@code revive.targets} (compacted, keyed by {@link #id()}); a tombstone deletes the target.
 *
 * @param id        stable slug, the Kafka key of everything about this target
 * @param name      human name for notifications
 * @param tags      free labels, used by routing rules, silences and the blast-radius guard
 * @param probe     what a probe does
 * @param locations locations that must probe it; empty means every location
 * @param detection the failure rule
 * @param recovery  the escalation ladder and its timings
 * @param notifications where notifications go
 * @param aws       the EC2 instance behind the target, for the AWS drivers (optional)
 * @param drill     how a {@code stop-target} drill stops it (optional)
 * @param statusPage whether and where the target appears on the public status page (optional: absent, it does not)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TargetSpec(
        String id,
        String name,
        List<String> tags,
        Probe probe,
        List<String> locations,
        Detection detection,
        RecoveryPlan recovery,
        List<NotificationRoute> notifications,
        AwsInstance aws,
        Drill drill,
        StatusPage statusPage) {

    /** A target that names no drill. */
    public TargetSpec(String id, String name, List<String> tags, Probe probe, List<String> locations, Detection detection,
            RecoveryPlan recovery, List<NotificationRoute> notifications, AwsInstance aws) {
        this(id, name, tags, probe, locations, detection, recovery, notifications, aws, null, null);
    }

    /** A target that is not on the public status page. */
    public TargetSpec(String id, String name, List<String> tags, Probe probe, List<String> locations, Detection detection,
            RecoveryPlan recovery, List<NotificationRoute> notifications, AwsInstance aws, Drill drill) {
        this(id, name, tags, probe, locations, detection, recovery, notifications, aws, drill, null);
    }

    /** The same target with another status-page listing. */
    public TargetSpec withStatusPage(StatusPage listing) {
        return new TargetSpec(id, name, tags, probe, locations, detection, recovery, notifications, aws, drill, listing);
    }

    /** Whether the public status page shows this target. */
    public boolean listedPublicly() {
        return statusPage != null && statusPage.effectiveListed();
    }

    /**
     * The target's entry on the public status page. Only its public name, its group and its health appear there: never
     * its address, headers or anything a command printed.
     *
     * @param listed      shown on the page (default true when the block is present)
     * @param group       the group it appears under (default "Services")
     * @param displayName the name the public reads (default: the target's name)
     */
    public record StatusPage(Boolean listed, String group, String displayName) {
        public static final String DEFAULT_GROUP = "Services";

        public boolean effectiveListed() {
            return listed == null || listed;
        }

        public String effectiveGroup() {
            return group == null || group.isBlank() ? DEFAULT_GROUP : group;
        }
    }

    public TargetSpec {
        tags = tags == null ? List.of() : List.copyOf(tags);
        locations = locations == null ? List.of() : List.copyOf(locations);
        notifications = notifications == null ? List.of() : List.copyOf(notifications);
        detection = detection == null ? Detection.defaults() : detection;
        recovery = recovery == null ? RecoveryPlan.defaults() : recovery;
    }

    /** The kinds of probe a prober can run. */
    public enum ProbeKind { HTTP, TCP, CONTENT_DRIFT, HOST_AGENT }

    /**
     * Probe settings. HTTP and CONTENT_DRIFT use {@code url}; TCP uses {@code host} and {@code port}.
     *
     * @param expectedStatus status ranges that count as success, e.g. {@code "200-399"} or {@code "204"}
     * @param bodyMustContain   keyword that must appear in the body (HTTP)
     * @param bodyMustNotContain keyword whose presence is a failure (e.g. "Fatal error")
     * @param bodyRegex         regular expression that must match somewhere in the body
     * @param keepAlive         reuse connections between probes (default: a fresh connection per probe)
     * @param retryIntervalMs   how soon after a failed probe the next one comes, so that a failure threshold of N is
     *                          confirmed in about N retry intervals rather than N intervals (default: a quarter of the
     *                          interval, within 100 ms and 1 s; equal to the interval: no retries). Past the threshold
     *                          the gap doubles with each further failure up to the interval; after a success the
     *                          target is probed at its interval again
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Probe(
            ProbeKind kind,
            String url,
            String host,
            Integer port,
            Long intervalMs,
            Long timeoutMs,
            String method,
            Map<String, String> headers,
            List<String> expectedStatus,
            Boolean followRedirects,
            String bodyMustContain,
            String bodyMustNotContain,
            String bodyRegex,
            Boolean keepAlive,
            Drift drift,
            Long retryIntervalMs) {

        public static final long DEFAULT_INTERVAL_MS = 30_000;
        public static final long DEFAULT_TIMEOUT_MS = 5_000;
        /** Bounds of the default retry interval (a quarter of the interval). */
        public static final long MIN_DEFAULT_RETRY_MS = 100;
        public static final long MAX_DEFAULT_RETRY_MS = 1_000;

        /** Probe settings with the default retry interval. */
        public Probe(ProbeKind kind, String url, String host, Integer port, Long intervalMs, Long timeoutMs, String method,
                Map<String, String> headers, List<String> expectedStatus, Boolean followRedirects, String bodyMustContain,
                String bodyMustNotContain, String bodyRegex, Boolean keepAlive, Drift drift) {
            this(kind, url, host, port, intervalMs, timeoutMs, method, headers, expectedStatus, followRedirects,
                    bodyMustContain, bodyMustNotContain, bodyRegex, keepAlive, drift, null);
        }

        public Probe {
            headers = headers == null ? Map.of() : Map.copyOf(headers);
            expectedStatus = expectedStatus == null || expectedStatus.isEmpty() ? List.of("200-399") : List.copyOf(expectedStatus);
        }

        public long effectiveIntervalMs() {
            return intervalMs == null ? DEFAULT_INTERVAL_MS : intervalMs;
        }

        /**
         * The retry interval: the one set, or a quarter of the interval within 100 ms and 1 s (never more than the
         * interval). Equal to the interval means no retries.
         */
        public long effectiveRetryIntervalMs() {
            long interval = effectiveIntervalMs();
            if (retryIntervalMs != null) {
                return retryIntervalMs;
            }
            return Math.min(interval, Math.clamp(interval / 4, MIN_DEFAULT_RETRY_MS, MAX_DEFAULT_RETRY_MS));
        }

        public long effectiveTimeoutMs() {
            return timeoutMs == null ? DEFAULT_TIMEOUT_MS : timeoutMs;
        }

        public String effectiveMethod() {
            return method == null ? "GET" : method;
        }

        public boolean effectiveFollowRedirects() {
            return followRedirects != null && followRedirects;
        }

        public boolean effectiveKeepAlive() {
            return keepAlive != null && keepAlive;
        }
    }

    /**
     * Content-drift settings (rsync-style block signatures of a baseline).
     *
     * @param blockSize          bytes per signature block (default 512)
     * @param maxChangedFraction above this changed fraction the probe fails (default 0.5)
     * @param maxDeltaBytes      most literal bytes a result carries (default 1024)
     */
    public record Drift(Integer blockSize, Double maxChangedFraction, Integer maxDeltaBytes) {
        public int effectiveBlockSize() {
            return blockSize == null ? 512 : blockSize;
        }

        public double effectiveMaxChangedFraction() {
            return maxChangedFraction == null ? 0.5 : maxChangedFraction;
        }

        public int effectiveMaxDeltaBytes() {
            return maxDeltaBytes == null ? 1024 : maxDeltaBytes;
        }
    }

    /**
     * When the target counts as down or up, and which metrics only warn.
     *
     * @param failureThreshold consecutive failed probes per location before it counts (default 3)
     * @param recoveryThreshold consecutive successes before it is UP again (default 2)
     * @param quorum           locations that must agree; null means a majority of those heard in the window
     * @param windowSeconds    how long a location's last report counts towards the quorum
     * @param maxEstablished   WARNING when ESTABLISHED connections exceed this (null: no rule)
     * @param tlsMinDays       WARNING when the certificate expires in fewer days (default 14)
     * @param latencyBudgetMs  WARNING when probe latency exceeds this (null: no rule)
     * @param flapChanges      verdict changes (DOWN to UP or back) within the policy's flap window that make the target
     *                         flapping, its UP then held down; 0 turns damping off for it; null: the policy's default
     * @param signals          signal sources whose firing alerts count as one more failing location (e.g.
     *                         {@code alertmanager}): a signal can complete a quorum of probe locations; it opens an
     *                         incident without a failing probe location only when {@code quorum} is set
     */
    public record Detection(
            Integer failureThreshold,
            Integer recoveryThreshold,
            Integer quorum,
            Integer windowSeconds,
            Integer maxEstablished,
            Integer tlsMinDays,
            Long latencyBudgetMs,
            Integer flapChanges,
            List<String> signals) {

        /** A rule that takes no signals of other tools. */
        public Detection(Integer failureThreshold, Integer recoveryThreshold, Integer quorum, Integer windowSeconds,
                Integer maxEstablished, Integer tlsMinDays, Long latencyBudgetMs, Integer flapChanges) {
            this(failureThreshold, recoveryThreshold, quorum, windowSeconds, maxEstablished, tlsMinDays, latencyBudgetMs,
                    flapChanges, null);
        }

        public Detection {
            signals = signals == null ? null : List.copyOf(signals);
        }

        public static Detection defaults() {
            return new Detection(3, 2, null, 120, null, 14, null, null);
        }

        /** The signal sources (e.g. {@code alertmanager}) whose alerts count as one more location; none by default. */
        public List<String> effectiveSignals() {
            return signals == null ? List.of() : signals;
        }

        public int effectiveFailureThreshold() {
            return failureThreshold == null ? 3 : failureThreshold;
        }

        public int effectiveRecoveryThreshold() {
            return recoveryThreshold == null ? 2 : recoveryThreshold;
        }

        public int effectiveWindowSeconds() {
            return windowSeconds == null ? 120 : windowSeconds;
        }

        public int effectiveTlsMinDays() {
            return tlsMinDays == null ? 14 : tlsMinDays;
        }
    }

    /**
     * The escalation ladder. Steps run in order; each failure (a failed verification, or the target going down
     * again within the reset window) moves one step up. After the last step the ladder only notifies.
     */
    public record RecoveryPlan(
            Long graceSeconds,
            Long verifySeconds,
            Long resetWindowSeconds,
            Integer actionBudgetPerDay,
            List<LadderStep> steps) {

        public RecoveryPlan {
            steps = steps == null ? List.of() : List.copyOf(steps);
        }

        public static RecoveryPlan defaults() {
            return new RecoveryPlan(300L, 120L, 86_400L, 6, List.of());
        }

        public long effectiveGraceSeconds() {
            return graceSeconds == null ? 300 : graceSeconds;
        }

        public long effectiveVerifySeconds() {
            return verifySeconds == null ? 120 : verifySeconds;
        }

        public long effectiveResetWindowSeconds() {
            return resetWindowSeconds == null ? 86_400 : resetWindowSeconds;
        }

        public int effectiveActionBudgetPerDay() {
            return actionBudgetPerDay == null ? 6 : actionBudgetPerDay;
        }
    }

    /** One rung of the ladder: an allow-listed action and its typed parameters. */
    public record LadderStep(String action, Map<String, String> params) {
        public LadderStep {
            params = params == null ? Map.of() : Map.copyOf(params);
        }

        /** The allow-listed action, or null when {@link #action()} names none. */
        public Action actionType() {
            return Action.lookup(action);
        }
    }

    /**
     * The parameters a step's command carries: the step's own, completed from {@link #aws()} for AWS actions
     * (a step's own value wins).
     */
    public Map<String, String> resolvedParams(LadderStep step) {
        Action a = step.actionType();
        var out = new java.util.TreeMap<String, String>();
        if (a != null && a.isAws() && aws != null) {
            putIfAccepted(out, a, "instanceId", aws.instanceId());
            putIfAccepted(out, a, "region", aws.region());
            putIfAccepted(out, a, "drRegion", aws.drRegion());
            putIfAccepted(out, a, "elasticIpAllocationId", aws.elasticIpAllocationId());
            putIfAccepted(out, a, "snapshotTag", aws.snapshotTag());
        }
        out.putAll(step.params());
        return out;
    }

    private static void putIfAccepted(Map<String, String> out, Action a, String key, String value) {
        if (value != null && (a.requiredParams().contains(key) || a.optionalParams().contains(key))) {
            out.put(key, value);
        }
    }

    /**
     * Where a notification goes.
     *
     * @param channel     the channel
     * @param to          address, webhook URL or topic ARN
     * @param minSeverity lowest severity sent on this route (default INFO)
     */
    public record NotificationRoute(Channel channel, String to, Severity minSeverity) {
    }

    /**
     * What a {@code stop-target} drill ({@code POST /drills} on the policy service) runs to take the target down:
     * an allow-listed action with typed parameters, sent to the actuator as a signed command like any ladder step
     * (e.g. {@code exec} with {@code command: stop-demo}).
     *
     * <p>A drill may take two actions: this stop action ({@code stop-target}) and the first step of the ladder (both
     * modes). An action that restarts, stops or reports is safe for drills by its kind; one that replaces the server
     * ({@link Action#replacesServer()}, re-provision) only when {@code drillSafe} is true.
     *
     * @param stop      the action that stops the target
     * @param drillSafe the operator marks the drill's actions safe even when they re-provision (default false)
     */
    public record Drill(LadderStep stop, Boolean drillSafe) {

        /** A drill that allows only the actions safe by their kind. */
        public Drill(LadderStep stop) {
            this(stop, null);
        }

        public boolean effectiveDrillSafe() {
            return drillSafe != null && drillSafe;
        }

        /** Whether a drill may run this step: safe by its kind, or marked so by the operator. */
        public static boolean allows(Drill drill, LadderStep step) {
            Action a = step == null ? null : step.actionType();
            return a != null && (!a.replacesServer() || (drill != null && drill.effectiveDrillSafe()));
        }
    }

    /**
     * The EC2 instance behind the target.
     *
     * @param instanceId            the original instance
     * @param region                its region
     * @param drRegion              disaster-recovery region for the last re-provision step
     * @param elasticIpAllocationId the Elastic IP to move onto a re-provisioned instance
     * @param snapshotTag           {@code key=value} tag that marks this target's snapshots
     */
    public record AwsInstance(String instanceId, String region, String drRegion, String elasticIpAllocationId,
            String snapshotTag) {
    }
}
