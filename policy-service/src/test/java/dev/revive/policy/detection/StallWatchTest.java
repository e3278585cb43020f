package dev.revive.policy.detection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.revive.common.contract.TargetSpec;
import dev.revive.common.contract.TargetSpec.Probe;
import dev.revive.common.contract.TargetSpec.ProbeKind;

class StallWatchTest {

    /** Probed every second; silent after 3 intervals + 2 s = 5 s. */
    static TargetSpec target(String id, List<String> locations) {
        return new TargetSpec(id, null, null, new Probe(ProbeKind.HTTP, "https://x/", null, null, 1000L, null, null, null, null, null,
                null, null, null, null, null), locations, null, null, null, null);
    }

    final StallWatch watch = new StallWatch(List.of("eu", "us"), 3, Duration.ofSeconds(2));

    @Test
    void a_location_that_stops_reporting_raises_once_and_clears_when_it_is_back() {
        var t = target("web-1", List.of());
        watch.heard("web-1", "eu", 0);
        watch.heard("web-1", "us", 0);
        assertThat(watch.sweep(List.of(t), 1000)).isEmpty();
        watch.heard("web-1", "us", 4000);
        var raised = watch.sweep(List.of(t), 5001);
        assertThat(raised).hasSize(1);
        assertThat(raised.get(0).finding().holds()).isTrue();
        assertThat(raised.get(0).finding().evidence()).containsEntry("silentLocations", "eu");
        assertThat(watch.sweep(List.of(t), 5500)).isEmpty(); // told once
        watch.heard("web-1", "eu", 6000);
        var cleared = watch.sweep(List.of(t), 6001);
        assertThat(cleared).hasSize(1);
        assertThat(cleared.get(0).finding().holds()).isFalse();
        assertThat(watch.sweep(List.of(t), 6100)).isEmpty();
    }

    @Test
    void a_target_never_heard_of_is_silent_counted_from_its_first_sweep() {
        var t = target("web-2", List.of("ap"));
        assertThat(watch.sweep(List.of(t), 10_000)).isEmpty();
        var raised = watch.sweep(List.of(t), 15_001);
        assertThat(raised).singleElement().satisfies(c -> assertThat(c.finding().evidence())
                .containsEntry("silentLocations", "ap").containsEntry("everHeard.ap", "false"));
    }

    @Test
    void a_target_another_replica_consumes_is_not_watched_here() {
        var t = target("web-4", List.of());
        assertThat(watch.sweep(List.of(t), id -> false, 0)).isEmpty();
        assertThat(watch.sweep(List.of(t), id -> false, 100_000)).isEmpty();
        assertThat(watch.sweep(List.of(t), id -> true, 100_001)).isEmpty(); // moved here: watched from now on
        assertThat(watch.sweep(List.of(t), id -> true, 105_002)).hasSize(1);
    }

    @Test
    void a_warning_left_open_before_a_restart_is_cleared_and_a_removed_target_is_forgotten() {
        var t = target("web-3", List.of());
        watch.raisedBefore("web-3");
        watch.heard("web-3", "eu", 0);
        watch.heard("web-3", "us", 0);
        assertThat(watch.sweep(List.of(t), 100)).singleElement().satisfies(c -> assertThat(c.finding().holds()).isFalse());
        assertThat(watch.sweep(List.of(), 100_000)).isEmpty();
        assertThat(watch.sweep(List.of(t), 100_001)).isEmpty(); // watched afresh from now
    }
}
