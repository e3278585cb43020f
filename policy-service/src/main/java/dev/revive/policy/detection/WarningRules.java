package dev.revive.policy.detection;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.revive.common.contract.HostMetrics;
import dev.revive.common.contract.ProbeResult;
import dev.revive.common.contract.ProbeResult.ErrorClass;
import dev.revive.common.contract.TargetSpec;

/**
 * The metric rules that raise WARNING incidents (notify, never act), as pure functions of one observation. Each
 * finding says whether its rule's condition holds now; a rule that does not apply to the observation yields no
 * finding (and so neither raises nor clears).
 *
 * <ul>
 * <li>{@value #ESTABLISHED}: ESTABLISHED connections on the host (all ports) above {@code detection.maxEstablished};
 * <li>{@value #TLS}: certificate days left below {@code detection.tlsMinDays} (default 14);
 * <li>{@value #LATENCY}: p95 of the last {@link LatencyWindow#SIZE} successful probes above
 * {@code detection.latencyBudgetMs} (from {@link LatencyWindow#MIN_SAMPLES} samples on);
 * <li>{@value #DRIFT}: a content-drift probe reports the page changed beyond its threshold. Such a probe is not a
 * failure for detection (the target answers; restarting it would not undo a defacement), so drift warns only;
 * <li>{@value #RESULTS_MISSING}: a location stopped reporting on the target (see {@link StallWatch}).
 * </ul>
 */
public final class WarningRules {

    public static final String ESTABLISHED = "established-connections";
    public static final String TLS = "tls-expiry";
    public static final String LATENCY = "latency";
    public static final String DRIFT = "content-drift";
    /** No probe results from a location for a few intervals: raised by the {@link Watchdog}, not by an observation. */
    public static final String RESULTS_MISSING = "probe-results-missing";

    /** One rule's verdict on one observation. */
    public record Finding(String rule, boolean holds, String reason, Map<String, String> evidence) {
    }

    private WarningRules() {
    }

    /** Findings of a probe result; {@code latency} is the target's window with this result already added. */
    public static List<Finding> ofProbe(ProbeResult r, TargetSpec spec, LatencyWindow latency) {
        List<Finding> out = new ArrayList<>(2);
        TargetSpec.Detection d = spec.detection();
        if (r.tlsDaysLeft() != null) {
            int min = d.effectiveTlsMinDays();
            out.add(new Finding(TLS, r.tlsDaysLeft() < min, "TLS certificate expires in " + r.tlsDaysLeft() + " days (minimum " + min + ")",
                    Map.of("tlsDaysLeft", r.tlsDaysLeft().toString(), "tlsMinDays", Integer.toString(min))));
        }
        if (d.latencyBudgetMs() != null && latency != null && latency.ready()) {
            long p95 = latency.p95Millis();
            out.add(new Finding(LATENCY, p95 > d.latencyBudgetMs(), "p95 latency " + p95 + " ms over the budget of " + d.latencyBudgetMs() + " ms",
                    Map.of("p95Ms", Long.toString(p95), "latencyBudgetMs", d.latencyBudgetMs().toString())));
        }
        if (isDrift(r)) {
            String fraction = r.drift() == null ? "?" : String.format(java.util.Locale.ROOT, "%.3f", r.drift().changedFraction());
            out.add(new Finding(DRIFT, true, "content drift: " + fraction + " of the page changed", Map.of("changedFraction", fraction)));
        } else if (r.up() && spec.probe() != null && spec.probe().kind() == TargetSpec.ProbeKind.CONTENT_DRIFT) {
            out.add(new Finding(DRIFT, false, "content matches its baseline again", Map.of()));
        }
        return out;
    }

    /** The finding of a host's metrics, or null when the target has no ESTABLISHED rule. */
    public static Finding ofMetrics(HostMetrics m, TargetSpec spec) {
        Integer max = spec.detection().maxEstablished();
        if (max == null) {
            return null;
        }
        int established = 0;
        for (HostMetrics.PortStates p : m.ports()) {
            established += p.count("ESTABLISHED");
        }
        return new Finding(ESTABLISHED, established > max, established + " ESTABLISHED connections on " + m.host() + " (maximum " + max + ")",
                Map.of("established", Integer.toString(established), "maxEstablished", max.toString(),
                        "host", String.valueOf(m.host())));
    }

    /** A content-drift failure: counts as a warning, not as the target being down. */
    public static boolean isDrift(ProbeResult r) {
        return !r.up() && r.errorClass() == ErrorClass.CONTENT_DRIFT;
    }
}
