package dev.revive.policy.incident;

import java.net.URI;
import java.util.List;
import java.util.Locale;

import dev.revive.common.contract.TargetSpec;
import dev.revive.common.contract.TargetSpec.Detection;
import dev.revive.common.contract.TargetSpec.Probe;
import dev.revive.common.contract.TargetSpec.ProbeKind;
import dev.revive.common.contract.TargetSpec.RecoveryPlan;

/**
 * After a re-provision the original instance is still there, detached from the target: the policy watches it as a
 * derived target {@code <targetId>.original} until it answers again (then {@code OriginalInstanceBack}, and the
 * derived target is deleted). Pure: which spec to watch, and how to recognise one.
 *
 * <p>The derived target is a TCP connect to the original's own address on the port the target serves: the
 * original answers on a bare IP, where an HTTPS probe would fail its certificate's name check and a content-drift
 * baseline is the site's, not the instance's. It has no ladder and no notification routes; detection never opens
 * an incident for it.
 */
public final class OriginalWatch {

    public static final String SUFFIX = ".original";
    /** The tag that marks a derived target and names the incident whose re-provision it follows. */
    public static final String TAG_PREFIX = "revive:original-of=";
    private static final int MAX_ID = 63;

    private OriginalWatch() {
    }

    /** The derived target's id (the target's id shortened when the suffix would make it longer than ids may be). */
    public static String idFor(String targetId) {
        String base = targetId.length() + SUFFIX.length() > MAX_ID ? targetId.substring(0, MAX_ID - SUFFIX.length()) : targetId;
        return base + SUFFIX;
    }

    /** The spec that watches the original instance at {@code address}; null when there is nothing to probe. */
    public static TargetSpec derive(TargetSpec parent, String incidentId, String address) {
        if (parent == null || address == null || address.isBlank()) {
            return null;
        }
        String host = address.trim();
        Integer port = null;
        int colon = host.lastIndexOf(':');
        if (colon > 0 && host.indexOf(':') == colon && host.substring(colon + 1).matches("\\d{1,5}")) {
            port = Integer.parseInt(host.substring(colon + 1)); // host:port
            host = host.substring(0, colon);
        }
        if (port == null) {
            port = portOf(parent.probe());
        }
        if (port == null) {
            return null;
        }
        Probe p = parent.probe();
        Detection d = parent.detection();
        return new TargetSpec(idFor(parent.id()), (parent.name() == null ? parent.id() : parent.name()) + " (original instance)",
                List.of(TAG_PREFIX + incidentId), new Probe(ProbeKind.TCP, null, host, port, p == null ? null : p.intervalMs(),
                        p == null ? null : p.timeoutMs(), null, null, null, null, null, null, null, null, null,
                        p == null ? null : p.retryIntervalMs()),
                parent.locations(), new Detection(d.failureThreshold(), d.recoveryThreshold(), d.quorum(), d.windowSeconds(),
                        null, null, null, d.flapChanges()),
                new RecoveryPlan(0L, 1L, 0L, 0, List.of()), List.of(), null);
    }

    /** The incident a derived target follows, or null when the spec is an ordinary target. */
    public static String incidentOf(TargetSpec spec) {
        if (spec == null) {
            return null;
        }
        for (String t : spec.tags()) {
            if (t.startsWith(TAG_PREFIX)) {
                return t.substring(TAG_PREFIX.length());
            }
        }
        return null;
    }

    public static boolean isDerived(TargetSpec spec) {
        return incidentOf(spec) != null;
    }

    /** The port the target serves: the TCP probe's, the URL's, or the scheme's default. */
    static Integer portOf(Probe p) {
        if (p == null || p.kind() == null) {
            return null;
        }
        if (p.kind() == ProbeKind.TCP) {
            return p.port();
        }
        if (p.url() == null) {
            return p.port();
        }
        try {
            URI u = URI.create(p.url());
            if (u.getPort() > 0) {
                return u.getPort();
            }
            return "https".equals(u.getScheme() == null ? null : u.getScheme().toLowerCase(Locale.ROOT)) ? 443 : 80;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
