package dev.revive.policy.detection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.revive.common.contract.HostMetrics;
import dev.revive.common.contract.ProbeResult;
import dev.revive.common.contract.ProbeResult.DriftReport;
import dev.revive.common.contract.ProbeResult.ErrorClass;
import dev.revive.common.contract.ProbeResult.Outcome;
import dev.revive.common.contract.TargetSpec;
import dev.revive.common.contract.TargetSpec.Detection;
import dev.revive.common.contract.TargetSpec.Probe;
import dev.revive.common.contract.TargetSpec.ProbeKind;
import dev.revive.policy.detection.WarningRules.Finding;

/** The WARNING rules as pure functions of one observation. */
class WarningRulesTest {

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    static TargetSpec spec(ProbeKind kind, Integer maxEstablished, Integer tlsMinDays, Long latencyBudgetMs) {
        return new TargetSpec("web-1", "Web 1", List.of(), new Probe(kind, "https://example.com", null, null, null, null, null,
                null, null, null, null, null, null, null, null), List.of(),
                new Detection(3, 2, null, 120, maxEstablished, tlsMinDays, latencyBudgetMs, null), null, List.of(), null);
    }

    static ProbeResult probe(Outcome outcome, ErrorClass error, Integer tlsDays, long micros, DriftReport drift) {
        return new ProbeResult("p", "web-1", "eu", "prober-1", 1, T0, micros, outcome, error, 200, tlsDays, null, drift, null);
    }

    static HostMetrics established(int... perPort) {
        var ports = new java.util.ArrayList<HostMetrics.PortStates>();
        for (int i = 0; i < perPort.length; i++) {
            ports.add(new HostMetrics.PortStates(443 + i, Map.of("ESTABLISHED", perPort[i], "TIME_WAIT", 999)));
        }
        return new HostMetrics("m", "web-1", "host-1", null, T0, ports);
    }

    @Test
    void established_connections_above_the_maximum_on_all_ports_together_hold() {
        Finding f = WarningRules.ofMetrics(established(300, 201), spec(ProbeKind.HTTP, 500, null, null));
        assertThat(f.rule()).isEqualTo(WarningRules.ESTABLISHED);
        assertThat(f.holds()).isTrue();
        assertThat(f.evidence()).containsEntry("established", "501");
    }

    @Test
    void established_connections_at_the_maximum_do_not_hold() {
        assertThat(WarningRules.ofMetrics(established(500), spec(ProbeKind.HTTP, 500, null, null)).holds()).isFalse();
    }

    @Test
    void metrics_of_a_target_without_an_established_rule_find_nothing() {
        assertThat(WarningRules.ofMetrics(established(10_000), spec(ProbeKind.HTTP, null, null, null))).isNull();
    }

    @Test
    void a_certificate_expiring_within_the_default_fourteen_days_holds() {
        var findings = WarningRules.ofProbe(probe(Outcome.UP, ErrorClass.NONE, 13, 1000, null), spec(ProbeKind.HTTP, null, null, null), null);
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo(WarningRules.TLS);
            assertThat(f.holds()).isTrue();
        });
    }

    @Test
    void a_certificate_with_enough_days_left_clears() {
        var findings = WarningRules.ofProbe(probe(Outcome.UP, ErrorClass.NONE, 30, 1000, null), spec(ProbeKind.HTTP, null, 14, null), null);
        assertThat(findings).singleElement().extracting(Finding::holds).isEqualTo(false);
    }

    @Test
    void p95_latency_over_the_budget_holds_once_the_window_has_enough_samples() {
        var spec = spec(ProbeKind.HTTP, null, null, 200L);
        var w = new LatencyWindow();
        for (int i = 0; i < LatencyWindow.MIN_SAMPLES - 1; i++) {
            w.add(350_000);
        }
        assertThat(WarningRules.ofProbe(probe(Outcome.UP, ErrorClass.NONE, null, 350_000, null), spec, w)).isEmpty();
        w.add(350_000);
        assertThat(WarningRules.ofProbe(probe(Outcome.UP, ErrorClass.NONE, null, 350_000, null), spec, w))
                .singleElement().satisfies(f -> {
                    assertThat(f.rule()).isEqualTo(WarningRules.LATENCY);
                    assertThat(f.holds()).isTrue();
                    assertThat(f.evidence()).containsEntry("p95Ms", "350");
                });
    }

    @Test
    void one_slow_probe_in_twenty_keeps_p95_within_the_budget() {
        var w = new LatencyWindow();
        for (int i = 0; i < 19; i++) {
            w.add(50_000);
        }
        w.add(5_000_000);
        assertThat(w.p95Millis()).isEqualTo(50);
    }

    @Test
    void a_content_drift_failure_warns() {
        var r = probe(Outcome.DOWN, ErrorClass.CONTENT_DRIFT, null, 1000, new DriftReport(0.8, List.of(), 4000, "defaced"));
        assertThat(WarningRules.ofProbe(r, spec(ProbeKind.CONTENT_DRIFT, null, null, null), null))
                .singleElement().satisfies(f -> {
                    assertThat(f.rule()).isEqualTo(WarningRules.DRIFT);
                    assertThat(f.holds()).isTrue();
                });
    }

    @Test
    void a_content_drift_failure_does_not_count_towards_down() {
        var d = new TargetDetector();
        var rule = new Detection(1, 1, null, 120, null, null, null, null);
        var r = probe(Outcome.DOWN, ErrorClass.CONTENT_DRIFT, null, 1000, new DriftReport(0.8, List.of(), 4000, "defaced"));
        assertThat(d.observe(r, rule)).isEqualTo(Verdict.UP);
    }

    @Test
    void a_passing_drift_probe_clears_the_drift_warning() {
        assertThat(WarningRules.ofProbe(probe(Outcome.UP, ErrorClass.NONE, null, 1000, null), spec(ProbeKind.CONTENT_DRIFT, null, null, null), null))
                .singleElement().satisfies(f -> {
                    assertThat(f.rule()).isEqualTo(WarningRules.DRIFT);
                    assertThat(f.holds()).isFalse();
                });
    }
}
