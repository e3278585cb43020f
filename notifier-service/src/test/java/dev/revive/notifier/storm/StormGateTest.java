package dev.revive.notifier.storm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.revive.common.contract.NotificationRequest.Kind;

class StormGateTest {

    @Test
    void under_both_limits_goes_out_on_its_own() {
        assertThat(StormGate.overLimit(4, 59, 5, 60)).isFalse();
    }

    @Test
    void target_at_its_limit_is_grouped() {
        assertThat(StormGate.overLimit(5, 5, 5, 60)).isTrue();
    }

    @Test
    void fleet_at_the_global_limit_is_grouped_even_for_a_quiet_target() {
        assertThat(StormGate.overLimit(0, 60, 5, 60)).isTrue();
    }

    @Test
    void opened_request_with_the_hold_link_is_never_grouped_even_past_both_limits() {
        assertThat(StormGate.grouped(Kind.OPENED, 500, 5000, 5, 60)).isFalse();
    }

    @Test
    void needs_human_request_is_never_grouped_even_past_both_limits() {
        assertThat(StormGate.grouped(Kind.NEEDS_HUMAN, 500, 5000, 5, 60)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(value = Kind.class, mode = EnumSource.Mode.EXCLUDE, names = { "OPENED", "NEEDS_HUMAN" })
    void every_other_kind_past_the_target_limit_is_grouped(Kind kind) {
        assertThat(StormGate.grouped(kind, 5, 5, 5, 60)).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void no_kind_under_both_limits_is_grouped(Kind kind) {
        assertThat(StormGate.grouped(kind, 4, 59, 5, 60)).isFalse();
    }
}
