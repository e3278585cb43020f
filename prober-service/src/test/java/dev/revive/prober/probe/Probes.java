package dev.revive.prober.probe;

import java.util.List;
import java.util.Map;

import dev.revive.common.contract.TargetSpec;
import dev.revive.common.contract.TargetSpec.Drift;
import dev.revive.common.contract.TargetSpec.Probe;
import dev.revive.common.contract.TargetSpec.ProbeKind;

/** Compact builders of probe settings and targets for tests. */
public final class Probes {

    private Probes() {
    }

    /** The tests' servers are on 127.0.0.1: loopback allowed, private ranges not. */
    public static final AddressPolicy LOCAL = new AddressPolicy(true, false);

    public static Probe http(String url) {
        // Generous: the first TLS handshake of a cold JVM on the shared 2-core box can take seconds.
        return http(url, 10_000, 10_000);
    }

    public static Probe http(String url, long timeoutMs, long intervalMs) {
        return new Probe(ProbeKind.HTTP, url, null, null, intervalMs, timeoutMs, null, Map.of(), null, null, null, null, null, null, null);
    }

    public static Probe withBody(Probe p, String mustContain, String mustNotContain, String regex) {
        return new Probe(p.kind(), p.url(), p.host(), p.port(), p.intervalMs(), p.timeoutMs(), p.method(), p.headers(),
                p.expectedStatus(), p.followRedirects(), mustContain, mustNotContain, regex, p.keepAlive(), p.drift(), p.retryIntervalMs());
    }

    public static Probe withStatus(Probe p, List<String> expected) {
        return new Probe(p.kind(), p.url(), p.host(), p.port(), p.intervalMs(), p.timeoutMs(), p.method(), p.headers(),
                expected, p.followRedirects(), p.bodyMustContain(), p.bodyMustNotContain(), p.bodyRegex(), p.keepAlive(), p.drift(), p.retryIntervalMs());
    }

    public static Probe withRedirects(Probe p, boolean follow) {
        return new Probe(p.kind(), p.url(), p.host(), p.port(), p.intervalMs(), p.timeoutMs(), p.method(), p.headers(),
                p.expectedStatus(), follow, p.bodyMustContain(), p.bodyMustNotContain(), p.bodyRegex(), p.keepAlive(), p.drift(), p.retryIntervalMs());
    }

    public static Probe withKeepAlive(Probe p, boolean keep) {
        return new Probe(p.kind(), p.url(), p.host(), p.port(), p.intervalMs(), p.timeoutMs(), p.method(), p.headers(),
                p.expectedStatus(), p.followRedirects(), p.bodyMustContain(), p.bodyMustNotContain(), p.bodyRegex(), keep, p.drift(), p.retryIntervalMs());
    }

    public static Probe withHeaders(Probe p, String method, Map<String, String> headers) {
        return new Probe(p.kind(), p.url(), p.host(), p.port(), p.intervalMs(), p.timeoutMs(), method, headers,
                p.expectedStatus(), p.followRedirects(), p.bodyMustContain(), p.bodyMustNotContain(), p.bodyRegex(), p.keepAlive(), p.drift(), p.retryIntervalMs());
    }

    /** The probe with a retry interval after a failure (null: the default; the interval itself: no retries). */
    public static Probe withRetry(Probe p, Long retryIntervalMs) {
        return new Probe(p.kind(), p.url(), p.host(), p.port(), p.intervalMs(), p.timeoutMs(), p.method(), p.headers(),
                p.expectedStatus(), p.followRedirects(), p.bodyMustContain(), p.bodyMustNotContain(), p.bodyRegex(), p.keepAlive(),
                p.drift(), retryIntervalMs);
    }

    /** The target with a failure threshold (the rest of detection as by default). */
    public static TargetSpec withThreshold(TargetSpec t, int failureThreshold) {
        TargetSpec.Detection d = t.detection();
        return new TargetSpec(t.id(), t.name(), t.tags(), t.probe(), t.locations(), new TargetSpec.Detection(failureThreshold,
                d.recoveryThreshold(), d.quorum(), d.windowSeconds(), d.maxEstablished(), d.tlsMinDays(), d.latencyBudgetMs(),
                d.flapChanges()), t.recovery(), t.notifications(), t.aws(), t.drill());
    }

    public static Probe drift(String url, int blockSize, double maxChangedFraction, long intervalMs) {
        return new Probe(ProbeKind.CONTENT_DRIFT, url, null, null, intervalMs, 2_000L, null, Map.of(), null, null, null, null, null,
                null, new Drift(blockSize, maxChangedFraction, 256));
    }

    public static Probe tcp(int port, long timeoutMs, long intervalMs) {
        return new Probe(ProbeKind.TCP, null, "127.0.0.1", port, intervalMs, timeoutMs, null, Map.of(), null, null, null, null, null,
                null, null);
    }

    public static TargetSpec target(String id, Probe p) {
        return new TargetSpec(id, id, List.of(), p, List.of(), null, null, List.of(), null);
    }

    public static TargetSpec target(String id, Probe p, List<String> locations) {
        return new TargetSpec(id, id, List.of(), p, locations, null, null, List.of(), null);
    }
}
