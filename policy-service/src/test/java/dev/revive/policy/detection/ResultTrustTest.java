package dev.revive.policy.detection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.revive.common.contract.ProbeResult;
import dev.revive.common.contract.ProbeResult.ErrorClass;
import dev.revive.common.contract.ProbeResult.Outcome;
import dev.revive.common.contract.TargetSpec;

class ResultTrustTest {

    static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
    final ResultTrust trust = new ResultTrust(List.of("eu", "us"), Duration.ofSeconds(30));

    static ProbeResult from(String location, Instant startedAt) {
        return new ProbeResult("p", "web-1", location, "prober-1", 1, startedAt, 1000, Outcome.DOWN, ErrorClass.TIMEOUT, null, null,
                null, null, null);
    }

    static TargetSpec spec(List<String> locations) {
        return new TargetSpec("web-1", null, null, null, locations, null, null, null, null);
    }

    @Test
    void a_configured_location_counts_an_invented_one_does_not() {
        assertThat(trust.check(from("eu", NOW), spec(List.of()), NOW)).isNull();
        var r = trust.check(from("attacker", NOW), spec(List.of()), NOW);
        assertThat(r.kind()).isEqualTo(ResultTrust.Kind.UNKNOWN_LOCATION);
        assertThat(r.reason()).contains("attacker");
        assertThat(trust.check(from(null, NOW), spec(List.of()), NOW).kind()).isEqualTo(ResultTrust.Kind.UNKNOWN_LOCATION);
    }

    @Test
    void a_target_that_names_its_locations_trusts_those() {
        assertThat(trust.check(from("ap", NOW), spec(List.of("ap")), NOW)).isNull();
        assertThat(trust.check(from("eu", NOW), spec(List.of("ap")), NOW).kind()).isEqualTo(ResultTrust.Kind.UNKNOWN_LOCATION);
    }

    @Test
    void a_start_beyond_the_skew_ahead_of_the_clock_does_not_count_an_old_one_does() {
        assertThat(trust.check(from("eu", NOW.plusSeconds(30)), spec(List.of()), NOW)).isNull();
        assertThat(trust.check(from("eu", NOW.plusSeconds(3600)), spec(List.of()), NOW).kind()).isEqualTo(ResultTrust.Kind.CLOCK_SKEW);
        assertThat(trust.check(from("eu", null), spec(List.of()), NOW).kind()).isEqualTo(ResultTrust.Kind.CLOCK_SKEW);
        assertThat(trust.check(from("eu", NOW.minusSeconds(3600)), spec(List.of()), NOW)).isNull();
    }
}
