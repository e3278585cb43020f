package dev.revive.policy.detection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.revive.common.contract.ProbeResult;
import dev.revive.common.contract.ProbeResult.ErrorClass;
import dev.revive.common.contract.ProbeResult.Outcome;
import dev.revive.common.contract.TargetSpec.Detection;
import dev.revive.testkit.TargetSpecs;

/** An alert of another tool as one more location: it completes a quorum of probes; alone it acts only when told. */
class SignalDetectionTest {

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final Detection MAJORITY = new Detection(1, 1, null, 120, null, null, null, null, List.of("alertmanager"));
    static final Detection QUORUM_ONE = new Detection(1, 1, 1, 120, null, null, null, null, List.of("alertmanager"));
    long seq;

    ProbeResult probe(String location, boolean up, long second) {
        seq++;
        return new ProbeResult("p" + seq, "web-1", location, "prober-" + location, seq, T0.plusSeconds(second), 1000,
                up ? Outcome.UP : Outcome.DOWN, up ? ErrorClass.NONE : ErrorClass.TIMEOUT, null, null, null, null, null);
    }

    ProbeResult alert(boolean firing, long second) {
        seq++;
        return new ProbeResult("a" + seq, "web-1", "alertmanager", "alertmanager", seq, T0.plusSeconds(second), 0,
                firing ? Outcome.DOWN : Outcome.UP, ErrorClass.SIGNAL, null, null, null, null, "HighErrorRate");
    }

    @Test
    void a_firing_alert_completes_a_split_quorum_of_probes_and_its_resolution_takes_it_out() {
        var d = new TargetDetector();
        assertThat(d.observe(probe("us", true, 1), MAJORITY)).isEqualTo(Verdict.UP);
        assertThat(d.observe(probe("eu", false, 2), MAJORITY)).as("1 of 2 locations failing: no majority").isNull();
        assertThat(d.observe(alert(true, 3), MAJORITY)).isEqualTo(Verdict.DOWN);
        d.observe(alert(false, 4), MAJORITY);
        assertThat(d.observe(probe("eu", true, 5), MAJORITY)).isEqualTo(Verdict.UP);
    }

    @Test
    void a_firing_alert_alone_opens_nothing_unless_the_target_sets_its_quorum() {
        var d = new TargetDetector();
        d.observe(probe("eu", true, 1), MAJORITY);
        assertThat(d.observe(alert(true, 2), MAJORITY)).isNull();
        var told = new TargetDetector();
        told.observe(probe("eu", true, 1), QUORUM_ONE);
        assertThat(told.observe(alert(true, 2), QUORUM_ONE)).isEqualTo(Verdict.DOWN);
    }

    @Test
    void a_firing_alert_outlives_the_window_until_it_is_resolved() {
        var d = new TargetDetector();
        d.observe(alert(true, 0), MAJORITY);
        d.observe(probe("us", true, 500), MAJORITY);
        // 500 s later (window 120 s) the alert still counts: eu failing + alert = 2 of 3.
        assertThat(d.observe(probe("eu", false, 501), MAJORITY)).isEqualTo(Verdict.DOWN);
    }

    @Test
    void results_are_trusted_only_from_a_source_the_target_names() {
        ResultTrust trust = new ResultTrust(List.of("eu"), java.time.Duration.ofSeconds(30));
        var takes = TargetSpecs.http("web-1", "https://web.example.com/").detection(MAJORITY).build();
        var refuses = TargetSpecs.http("web-1", "https://web.example.com/").build();
        assertThat(trust.check(alert(true, 0), takes, T0)).isNull();
        assertThat(trust.check(alert(true, 0), refuses, T0)).isNotNull()
                .satisfies(r -> assertThat(r.reason()).contains("detection.signals"));
        // A probe result claiming the signal's location is not a signal: it needs a known probe location.
        assertThat(trust.check(probe("alertmanager", false, 0), takes, T0)).isNotNull();
    }
}
