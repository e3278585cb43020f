package dev.revive.policy.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.revive.common.contract.ProbeResult;
import dev.revive.common.contract.ProbeResult.ErrorClass;
import dev.revive.common.contract.ProbeResult.Outcome;

class RecentResultsTest {

    static ProbeResult result(String target, String location, long second, boolean up, ErrorClass e, long micros, Integer tls) {
        return new ProbeResult("id-" + second + location, target, location, "p", second, Instant.ofEpochSecond(second), micros,
                up ? Outcome.UP : Outcome.DOWN, e, up ? 200 : null, tls, null, null, null);
    }

    @Test
    void keeps_the_last_results_oldest_first_with_every_field_round_tripped() {
        RecentResults r = new RecentResults();
        long s = 1_800_000_000L;
        for (int i = 0; i < RecentResults.KEPT + 5; i++) {
            r.record(result("a", i % 2 == 0 ? "eu" : "us", s + i, i % 3 != 0, i % 3 == 0 ? ErrorClass.TIMEOUT : ErrorClass.NONE,
                    (i + 1) * 1_000L, 30));
        }
        var kept = r.of("a");
        assertThat(kept).hasSize(RecentResults.KEPT);
        assertThat(kept.get(0).epochSecond()).isEqualTo(s + 5);
        RecentResults.Result last = kept.get(kept.size() - 1);
        int i = RecentResults.KEPT + 4;
        assertThat(last.epochSecond()).isEqualTo(s + i);
        assertThat(last.location()).isEqualTo(i % 2 == 0 ? "eu" : "us");
        assertThat(last.up()).isEqualTo(i % 3 != 0);
        assertThat(last.latencyMs()).isEqualTo(i + 1);
        assertThat(kept.stream().filter(x -> !x.up())).allSatisfy(x -> assertThat(x.errorClass()).isEqualTo(ErrorClass.TIMEOUT));
        assertThat(r.locations("a")).containsOnlyKeys("eu", "us");
        assertThat(r.locations("a").get("eu").tlsDaysLeft()).isEqualTo(30);
    }

    @Test
    void the_version_moves_with_each_result_and_a_forgotten_target_is_gone() {
        RecentResults r = new RecentResults();
        assertThat(r.version("a")).isZero();
        r.record(result("a", "eu", 1_800_000_000L, true, ErrorClass.NONE, 5_000, null));
        long v = r.version("a");
        r.record(result("a", "eu", 1_800_000_001L, false, ErrorClass.DNS, 5_000, null));
        assertThat(r.version("a")).isGreaterThan(v);
        assertThat(r.of("a").get(1).errorClass()).isEqualTo(ErrorClass.DNS);
        r.forget("a");
        assertThat(r.of("a")).isEmpty();
    }

    @Test
    void every_error_class_and_extreme_latency_survive_packing() {
        for (ErrorClass e : ErrorClass.values()) {
            RecentResults r = new RecentResults();
            r.record(result("a", "eu", 1_800_000_000L, false, e, 10_000_000_000L, null));
            assertThat(r.of("a").get(0).errorClass()).isEqualTo(e);
            assertThat(r.of("a").get(0).latencyMs()).isEqualTo(0xFFFFF);
        }
    }
}
